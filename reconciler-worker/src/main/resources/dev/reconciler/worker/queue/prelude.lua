-- Shared by every script (prepended by Scripts.java). ARGV[1] is the Resque namespace
-- ("resque"), ARGV[2] our own prefix ("reconciler"). Keys are derived inside the scripts, so
-- they assume one Redis (no cluster), as Resque itself does.
local ns = ARGV[1]
local own = ARGV[2]

-- Bounds of TaskPayloads, filled in by Scripts.java.
local max_payload_bytes = tonumber('__MAX_PAYLOAD_BYTES__')
local max_token = tonumber('__MAX_TOKEN__')
local max_attempt = tonumber('__MAX_ATTEMPT__')
local max_indexed = tonumber('__MAX_INDEXED__')

-- Redis keeps what a script did before an error, so a command that fails half-way through a
-- move (WRONGTYPE on a key someone overwrote) would lose or double the job. Keys a move writes
-- are therefore made writable first: one of ours that holds another type is garbage, cleared.
local function writable(key, kind)
  local t = redis.call('TYPE', key).ok
  if t ~= 'none' and t ~= kind then redis.call('DEL', key) end
  return key
end

local function queue_key(q) return ns .. ':queue:' .. q end
local function inflight_key(worker, q) return writable(ns .. ':inflight:' .. worker .. ':' .. q, 'list') end
local function task_key(id) return writable(own .. ':task:' .. id, 'hash') end
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

-- Whether an operator revoked this task (revoke.lua): it never runs, retries or queues its
-- chain's next link again, whichever way its job comes back (a reaper, a redelivery).
local function is_revoked(id)
  if id == nil or id == '' then return false end
  local key = own .. ':revoked'
  return redis.call('TYPE', key).ok == 'zset' and redis.call('ZSCORE', key, id) ~= false
end

-- Ends a revoked task: its fields as the worker reported them (result or error kept), then state
-- REVOKED with a note saying what became of it.
local function end_revoked(id, expiry, fields, note)
  set_state(id, expiry, fields)
  set_state(id, expiry, {'state', 'REVOKED', 'note', note})
end

-- The console's index of recent tasks: ids scored by when they were first enqueued (epoch ms), the
-- newest max_indexed kept, so a search by name, date or state reads a bounded window of it instead
-- of scanning every task key.
local function index_task(id, score)
  if id == nil or id == '' then return end
  local key = writable(own .. ':tasks', 'zset')
  redis.call('ZADD', key, 'NX', tonumber(score) or 0, id)
  redis.call('ZREMRANGEBYRANK', key, 0, -(max_indexed + 1))
end

-- A failed attempt (its number, time, worker, error and traceback, as JSON the worker wrote) appended
-- to the task's history for the console's task page: the newest 10 kept, expiring with the state.
-- The key is not under own:task: so a scan of task states never meets a list.
local function record_attempt(id, expiry, entry)
  if id == nil or id == '' or entry == nil or entry == '' then return end
  local key = writable(own .. ':attempts:' .. id, 'list')
  redis.call('RPUSH', key, entry)
  redis.call('LTRIM', key, -10, -1)
  redis.call('EXPIRE', key, expiry)
end

-- Takes the failure record at an index out of the failed list, only if it is still the record the
-- operator saw (the list may have changed since); returns whether it did.
local function take_failed(idx, record)
  if redis.call('LINDEX', ns .. ':failed', idx) ~= record then return false end
  redis.call('LSET', ns .. ':failed', idx, '__reconciler_deleted__')
  redis.call('LREM', ns .. ':failed', 1, '__reconciler_deleted__')
  return true
end

-- Appends a job to a list queue, registers the queue, marks the task PENDING, wakes a worker.
local function enqueue(q, payload, id, expiry, fields)
  redis.call('RPUSH', queue_key(q), payload)
  redis.call('SADD', ns .. ':queues', q)
  set_state(id, expiry, fields)
  wake(q)
end

-- Claims a chain's link for one date: the chain's hash maps each date to the task that runs it,
-- and a date is claimed once, so a link that is run twice (redelivered after a worker died after
-- its run, before its ack) cannot queue its successor twice. A new chain joins the index of
-- chains (scored by its start, the newest thousand kept) that 'inspect' lists.
local function claim_link(chain, date, id, score, expiry)
  local key = writable(own .. ':chain:' .. chain, 'hash')
  if redis.call('HSETNX', key, date, id) == 0 then return false end
  redis.call('EXPIRE', key, expiry)
  if id == chain then
    local index = writable(own .. ':chains', 'zset')
    redis.call('ZADD', index, 'NX', tonumber(score), chain)
    redis.call('ZREMRANGEBYRANK', index, 0, -1001)
  end
  return true
end

-- Reads "count" groups of (queue, payload, task id, chain id or '', chain date, chain score,
-- field count, fields...) from ARGV at i. A group with a chain id is enqueued only if its link
-- is claimed (claim_link), and never with no_links (the task that asks for it was revoked).
-- Returns the index after the groups and how many were enqueued.
local function enqueue_all(i, count, expiry, no_links)
  local enqueued = 0
  for _ = 1, count do
    local q, payload, id, chain = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
    local n = tonumber(ARGV[i + 6])
    local fields = {}
    for k = 1, n do fields[k] = ARGV[i + 6 + k] end
    if chain ~= '' and no_links then
      -- a revoked link does not queue its successor: the chain stops at it
    elseif chain == '' or claim_link(chain, ARGV[i + 4], id, ARGV[i + 5], expiry) then
      enqueue(q, payload, id, expiry, fields)
      index_task(id, ARGV[i + 5])
      enqueued = enqueued + 1
    end
    i = i + 7 + n
  end
  return i, enqueued
end

-- Takes the job this worker took out of its in-flight list and returns it as stored, or nil when
-- the reaper moved it already. A worker runs one job at a time, so its list holds at most that
-- job: when the payload sent back differs byte for byte (bytes that were not UTF-8 came back as
-- U+FFFD through Java), the list's only entry is still this job.
local function take_inflight(worker, q, payload)
  local key = inflight_key(worker, q)
  if redis.call('LREM', key, 1, payload) == 1 then return payload end
  if redis.call('LLEN', key) == 1 then return redis.call('LPOP', key) end
  return nil
end

-- Ends a job: out of flight, the worker idle. Returns the job as stored (nil if reaped) and 1 or 0.
local function finish_job(worker, q, payload)
  local job = take_inflight(worker, q, payload)
  redis.call('DEL', ns .. ':worker:' .. worker)
  if job then return job, 1 end
  return nil, 0
end

-- Whether a value may be a task id or name as the worker sees it (TaskPayloads.isToken: 1 to
-- max_token of A-Za-z0-9._-).
local function is_token(s)
  return type(s) == 'string' and #s > 0 and #s <= max_token and not string.find(s, '[^%w%._%-]')
end

-- A job's task id as the worker will see it (is_token) and the decoded job, or nil. A payload over
-- the size limit is not decoded at all: the worker rejects it unread, so no task is marked for it
-- and Redis spends no time on it.
local function decode_job(job)
  if #job > max_payload_bytes then return nil, nil end
  local ok, decoded = pcall(cjson.decode, job)
  if not ok or type(decoded) ~= 'table' then return nil, nil end
  local vars = decoded.vars
  if type(vars) ~= 'table' then return nil, decoded end
  local id = vars.task_id
  if not is_token(id) then return nil, decoded end
  return id, decoded
end

-- A counter of a task's state (deliveries, redeliveries) as a sane whole number, 0 when unset. The
-- hash is data anyone may write, and HINCRBY on a non-number would stop a move half-way through.
local function counter(id, field)
  local n = tonumber(redis.call('HGET', task_key(id), field))
  if not n or n < 0 or n > 1e9 or n ~= math.floor(n) then return 0 end
  return n
end
