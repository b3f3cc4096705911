-- Operator's "revoke": marks a task revoked (the revoked set, scored by when, kept as long as task
-- states) and, in the same step, takes its job out of its queue list and the delayed set, so a
-- queued or delayed task can neither run nor be promoted. A running task (STARTED, not found
-- waiting) is only marked: its worker sees revoked_at (and with terminate, stops it), and the
-- pop, ack, retry and fail scripts keep it from running again or queueing a successor. A task of a
-- group revokes its group too: the group can no longer finish.
-- ARGV: ns, own, expiry, task id, now (epoch ms), now (ISO), terminate ('1' or '0').
-- Returns {outcome, detail}: unknown; finished and the state; removed and how many jobs; marked
-- (nothing was waiting: state REVOKED anyway); running and the worker.
local id, now_ms, now, expiry = ARGV[4], tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[3])
local key = own .. ':task:' .. id
if redis.call('TYPE', key).ok ~= 'hash' then return {'unknown', ''} end
local state = redis.call('HGET', key, 'state')
if not state then return {'unknown', ''} end
if state ~= 'PENDING' and state ~= 'RETRY' and state ~= 'STARTED' then return {'finished', state} end

group_revoked(id, redis.call('HGET', key, 'group'), now, expiry)
local revoked = writable(own .. ':revoked', 'zset')
redis.call('ZADD', revoked, now_ms, id)
redis.call('ZREMRANGEBYSCORE', revoked, '-inf', now_ms - expiry * 1000)
redis.call('EXPIRE', revoked, expiry)

-- Only a candidate holding the id's text is decoded: the scan stays one string search per job.
local function holds(job) return string.find(job, id, 1, true) and decode_job(job) == id end

-- Every job of this task in a list, removed; scanned in pages, removed after the scan.
local function take_from_list(list)
  if redis.call('TYPE', list).ok ~= 'list' then return 0 end
  local found = {}
  local len = redis.call('LLEN', list)
  for first = 0, len - 1, 500 do
    for _, job in ipairs(redis.call('LRANGE', list, first, first + 499)) do
      if holds(job) then found[#found + 1] = job end
    end
  end
  for _, job in ipairs(found) do redis.call('LREM', list, 0, job) end
  return #found
end

-- Every entry ("queue|payload") of this task in the delayed set, removed.
local function take_delayed()
  local delayed = own .. ':delayed'
  if redis.call('TYPE', delayed).ok ~= 'zset' then return 0 end
  local found = {}
  local len = redis.call('ZCARD', delayed)
  for first = 0, len - 1, 500 do
    for _, member in ipairs(redis.call('ZRANGE', delayed, first, first + 499)) do
      local sep = string.find(member, '|', 1, true)
      if sep and holds(string.sub(member, sep + 1)) then found[#found + 1] = member end
    end
  end
  for _, member in ipairs(found) do
    redis.call('ZREM', delayed, member)
    count_delayed(member, -1)
  end
  return #found
end

-- The queue the task was sent to; a STARTED task found there is one a reaper returned.
local q = redis.call('HGET', key, 'queue')
local taken = 0
if q and q ~= '' then taken = taken + take_from_list(queue_key(q)) end
if state ~= 'STARTED' then taken = taken + take_delayed() end

if state == 'STARTED' and taken == 0 then
  local fields = {'revoked_at', now}
  if ARGV[7] == '1' then table.insert(fields, 'terminate') table.insert(fields, '1') end
  set_state(id, expiry, fields)
  return {'running', redis.call('HGET', key, 'worker') or ''}
end
local note = 'revoked before it ran; its job was removed'
if taken == 0 then note = 'revoked before it ran; no job of it was waiting' end
end_revoked(id, expiry, {'revoked_at', now, 'finished_at', now}, note)
if taken == 0 then return {'marked', '0'} end
return {'removed', tostring(taken)}
