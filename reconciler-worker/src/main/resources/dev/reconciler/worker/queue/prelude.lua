-- Shared by every script (prepended by Scripts.java). ARGV[1] is the Resque namespace
-- ("resque"), ARGV[2] our own prefix ("reconciler"). Keys are derived inside the scripts, so
-- they assume one Redis (no cluster), as Resque itself does.
local ns = ARGV[1]
local own = ARGV[2]

-- Bounds of TaskPayloads, filled in by Scripts.java.
local max_payload_bytes = tonumber('__MAX_PAYLOAD_BYTES__')
local max_token = tonumber('__MAX_TOKEN__')
local max_attempt = tonumber('__MAX_ATTEMPT__')

local function queue_key(q) return ns .. ':queue:' .. q end
local function inflight_key(worker, q) return ns .. ':inflight:' .. worker .. ':' .. q end
local function task_key(id) return own .. ':task:' .. id end
local function wake(q)
  redis.call('RPUSH', own .. ':wake:' .. q, '1')
  redis.call('LTRIM', own .. ':wake:' .. q, 0, 63)
end

-- Writes task state fields (a flat field/value list) and refreshes the expiry.
local function set_state(id, expiry, fields)
  if id == nil or id == '' then return end
  redis.call('HSET', task_key(id), unpack(fields))
  redis.call('EXPIRE', task_key(id), expiry)
end

-- Appends a job to a list queue, registers the queue, marks the task PENDING, wakes a worker.
local function enqueue(q, payload, id, expiry, fields)
  redis.call('RPUSH', queue_key(q), payload)
  redis.call('SADD', ns .. ':queues', q)
  set_state(id, expiry, fields)
  wake(q)
end

-- Reads "count" groups of (queue, payload, task id, field count, fields...) from ARGV at i.
local function enqueue_all(i, count, expiry)
  for _ = 1, count do
    local q, payload, id, n = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
    local fields = {}
    for k = 1, n do fields[k] = ARGV[i + 3 + k] end
    enqueue(q, payload, id, expiry, fields)
    i = i + 4 + n
  end
  return i
end

local function finish_job(worker, q, payload)
  local removed = redis.call('LREM', inflight_key(worker, q), 1, payload)
  redis.call('DEL', ns .. ':worker:' .. worker)
  return removed
end

-- A job's task id as the worker will see it (TaskPayloads.isToken: 1 to max_token of A-Za-z0-9._:-)
-- and the decoded job, or nil. A payload over the size limit is not decoded at all: the worker
-- rejects it unread, so no task is marked for it and Redis spends no time on it.
local function decode_job(job)
  if #job > max_payload_bytes then return nil, nil end
  local ok, decoded = pcall(cjson.decode, job)
  if not ok or type(decoded) ~= 'table' then return nil, nil end
  local vars = decoded.vars
  if type(vars) ~= 'table' then return nil, decoded end
  local id = vars.task_id
  if type(id) ~= 'string' or #id == 0 or #id > max_token or string.find(id, '[^%w%._:%-]') then
    return nil, decoded
  end
  return id, decoded
end
