-- Takes the first job of the first non-empty queue into this worker's in-flight list and marks
-- its task STARTED, in one step. A task already SUCCESS is dropped rather than run twice, and a
-- revoked one (also when a reaper returned it) is dropped and marked REVOKED. A job the worker
-- then rejects is marked FAILURE by fail.lua, which finds the same task id.
-- A job any Resque client pushed ({"class": ..., "args": [...]}, no "vars") gets the fresh task id
-- here, written into the payload it is tracked by, so it is run and recorded like any other. Each
-- delivery is counted, and the count of returns from dead workers given to the worker (reap.lua).
-- A job over the payload limit is never handed out: it goes to the failed list.
-- ARGV: ns, own, expiry, worker, now (ISO, ms), now (epoch microseconds), a fresh task id, then
-- queue names in priority order. Returns queue, payload, redeliveries.
local worker, now, expiry = ARGV[4], ARGV[5], tonumber(ARGV[3])

-- The job with vars.task_id set to the fresh id (and enqueued_at to now), when it is a JSON object
-- naming a class and has no "vars" at all; otherwise as it was, for the worker to judge. The text
-- is spliced rather than re-encoded: cjson would turn [] into {} and round long integers.
local function with_task_id(job, decoded)
  if type(decoded) ~= 'table' or decoded.vars ~= nil or type(decoded.class) ~= 'string' then
    return job, nil, decoded
  end
  if not string.find(job, '^%s*{') then return job, nil, decoded end
  local at = string.find(job, '{', 1, true)
  local ms = string.format('%d', math.floor(tonumber(ARGV[6]) / 1000))
  local vars = '"vars":{"task_id":' .. cjson.encode(ARGV[7]) .. ',"attempt":0,"enqueued_at":' .. ms .. '},'
  job = string.sub(job, 1, at) .. vars .. string.sub(job, at + 1)
  decoded.vars = {task_id = ARGV[7], attempt = 0}
  return job, ARGV[7], decoded
end

for i = 8, #ARGV do
  local q = ARGV[i]
  -- A queue key of another type holds no job of ours; skipping it keeps the other queues served
  -- (inspect names it) instead of failing every pop.
  local listed = redis.call('TYPE', queue_key(q)).ok == 'list'
  while listed do
    local job = redis.call('LPOP', queue_key(q))
    if not job then break end
    local id, decoded = decode_job(job)
    local assigned = false
    if not id and #job <= max_payload_bytes - 128 then
      job, id, decoded = with_task_id(job, decoded)
      assigned = id ~= nil
    end
    local state = id and redis.call('HGET', task_key(id), 'state')
    if #job > max_payload_bytes then
      -- Never handed out: the worker would reject it unread, and a reply of hundreds of MB times
      -- out on its way (or exhausts the worker's heap), leaving the job in flight with no one
      -- knowing it is there. Failed here, with its size and enough of it to tell what it was.
      push_failure(worker, q, unparseable(job), 'PayloadTooLarge', string.format(
        'payload of %d bytes is over the %d-byte limit; its first 64 KiB are kept', #job, max_payload_bytes))
    elseif state == 'SUCCESS' then
      -- a duplicate of finished work: nothing to do
    elseif state == 'REVOKED' or is_revoked(id) then
      if state ~= 'REVOKED' then
        end_revoked(id, expiry, {'finished_at', now}, 'revoked; its job was dropped when it came back')
      end
    else
      redis.call('RPUSH', inflight_key(worker, q), job)
      local shown
      if decoded then shown = job else shown = cjson.encode(utf8_head(job, 1024)) end
      redis.call('SET', ns .. ':worker:' .. worker,
        '{"queue":' .. cjson.encode(q) .. ',"run_at":' .. cjson.encode(now) .. ',"payload":' .. shown .. '}')
      local redeliveries = 0
      if id then
        local fields = {'state', 'STARTED', 'worker', worker, 'started_at', now, 'started_at_us', ARGV[6],
          'deliveries', string.format('%d', counter(id, 'deliveries') + 1)}
        if assigned then
          -- What an enqueue would have recorded, as far as it is known; the name only if readable.
          for _, f in ipairs({'queue', q, 'enqueued_at', now}) do table.insert(fields, f) end
          if is_token(decoded.class) then
            table.insert(fields, 'name')
            table.insert(fields, decoded.class)
          end
          index_task(id, math.floor(tonumber(ARGV[6]) / 1000))
        end
        local attempt = decoded.vars.attempt
        if attempt == nil then attempt = 0 end
        -- Only a sane attempt is shown; the worker rejects any other, and fail.lua says why.
        if type(attempt) == 'number' and attempt >= 0 and attempt <= max_attempt and attempt == math.floor(attempt) then
          table.insert(fields, 'attempt')
          table.insert(fields, string.format('%d', attempt))
        end
        set_state(id, expiry, fields)
        -- A reaper's return delivered again is a redelivery for good: its worker cannot take it back.
        redis.call('HDEL', task_key(id), 'returned_from')
        group_started(id, decoded.vars.group, now, expiry)
        redeliveries = counter(id, 'redeliveries')
      end
      return {q, job, redeliveries}
    end
  end
end
return false
