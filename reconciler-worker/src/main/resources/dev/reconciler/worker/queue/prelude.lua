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
local function failed_key() return writable(ns .. ':failed', 'list') end
local function wake(q)
  local key = writable(own .. ':wake:' .. q, 'list')
  redis.call('RPUSH', key, '1')
  redis.call('LTRIM', key, 0, 63)
end

-- Whether a string is what INCR accepts: a whole number without leading zeros that cannot overflow.
local function is_count(v)
  return v == '0' or (#v <= 18 and string.find(v, '^%-?[1-9]%d*$') ~= nil)
end

-- Adds one to a Resque stat counter. Counters are data anyone may write, and are counted after the
-- move they count: INCR failing on one would leave the move half done. One that holds no count
-- starts again from 1, with a warning in Redis' log: a wrong statistic beats a lost job. For the
-- same reason an INCR Redis refuses (an ACL without it) is skipped, not raised.
local function count(key)
  local t = redis.call('TYPE', key).ok
  if t ~= 'none' and (t ~= 'string' or not is_count(redis.call('GET', key))) then
    redis.log(redis.LOG_WARNING, 'reconciler: counter ' .. key .. ' held no count; it starts again from 1')
    redis.call('DEL', key)
  end
  redis.pcall('INCR', key)
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

-- Adds a member to a sorted set of the newest (highest scores), which keeps only the newest keep.
local function keep_newest(key, score, member, keep)
  key = writable(key, 'zset')
  redis.call('ZADD', key, 'NX', score, member)
  redis.call('ZREMRANGEBYRANK', key, 0, -(keep + 1))
  return key
end

-- The console's index of recent tasks: ids scored by when they were first enqueued (epoch ms), the
-- newest max_indexed kept, so a search by name, date or state reads a bounded window of it instead
-- of scanning every task key.
local function index_task(id, score)
  if id == nil or id == '' then return end
  keep_newest(own .. ':tasks', tonumber(score) or 0, id, max_indexed)
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

-- Takes the failure record at an index out of the failed list (the caller checked it is the one).
local function drop_failed(idx)
  redis.call('LSET', ns .. ':failed', idx, '__reconciler_deleted__')
  redis.call('LREM', ns .. ':failed', 1, '__reconciler_deleted__')
end

-- Takes the failure record at an index out of the failed list, only if it is still the record the
-- operator saw (the list may have changed since), byte for byte: Java sends the record as it read it,
-- not its text of it, so a record that is not UTF-8 matches too. Returns whether it did.
local function take_failed(idx, record)
  if redis.call('LINDEX', ns .. ':failed', idx) ~= record then return false end
  drop_failed(idx)
  return true
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

-- At most the first n bytes of s, cut before a character rather than inside it: a cut that kept
-- part of one would leave bytes that are not UTF-8 in text that was, which Java shows as \xHH. A
-- character is up to 4 bytes, so at most 3 continuation bytes (0x80-0xBF) are backed off over.
local function utf8_head(s, n)
  if #s <= n then return s end
  local cut = n
  while cut > 0 and cut > n - 3 do
    local b = string.byte(s, cut + 1)
    if b < 0x80 or b > 0xBF then break end
    cut = cut - 1
  end
  return string.sub(s, 1, cut)
end

-- A job that is no JSON object, as FailureRecord writes one: the only argument (its first 64 KiB)
-- of a job named "(unparseable payload)", so an operator sees what arrived.
local function unparseable(job)
  return cjson.encode({class = '(unparseable payload)', args = {utf8_head(job, 65536)}})
end

-- A time (epoch seconds and microseconds) in Jesque's failed_at format (FailureRecord.FAILED_AT,
-- UTC), so a record a script writes reads like one Java writes. Redis' Lua has no os.date: the
-- civil date comes from the day count by Howard Hinnant's days-to-civil algorithm.
local function jesque_time(secs, micros)
  local z = math.floor(secs / 86400) + 719468
  local era = math.floor(z / 146097)
  local doe = z - era * 146097
  local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524)
    - math.floor(doe / 146096)) / 365)
  local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
  local mp = math.floor((5 * doy + 2) / 153)
  local day = doy - math.floor((153 * mp + 2) / 5) + 1
  local month = mp < 10 and mp + 3 or mp - 9
  local year = yoe + era * 400
  if month <= 2 then year = year + 1 end
  local rest = secs % 86400
  return string.format('%04d-%02d-%02dT%02d:%02d:%02d.%03d+0000', year, month, day,
    math.floor(rest / 3600), math.floor(rest % 3600 / 60), rest % 60, math.floor(micros / 1000))
end

-- Now by Redis' clock, as a failure record's failed_at.
local function failed_at()
  local t = redis.call('TIME')
  return jesque_time(tonumber(t[1]), tonumber(t[2]))
end

-- Appends a Resque failure record with the fields FailureRecord.write gives one, and counts it.
-- payload is the JSON text of an object: the job as stored when it is one (spliced, not
-- re-encoded), else unparseable.
local function push_failure(by, q, payload, exception, error)
  redis.call('RPUSH', failed_key(), '{"worker":' .. cjson.encode(by) .. ',"queue":' .. cjson.encode(q)
    .. ',"payload":' .. payload .. ',"exception":' .. cjson.encode(exception) .. ',"error":'
    .. cjson.encode(error) .. ',"backtrace":[],"failed_at":' .. cjson.encode(failed_at())
    .. ',"retried_at":null}')
  count(ns .. ':stat:failed')
end

-- Whether queue q can take a job: its key is a list or absent. A key of another type is not ours to
-- clear (a Jesque client keeps delayed jobs in a zset of that name), and a push onto it would fail
-- half-way through the move that took the job from where it was.
local function queue_takes(q)
  local t = redis.call('TYPE', queue_key(q)).ok
  return t == 'list' or t == 'none'
end

-- A job its queue cannot take (queue_takes) goes to the failed list with the reason, and its task
-- (unless it finished) to FAILURE: as Resque's failed queue and Sidekiq's dead set keep a job that
-- cannot run where an operator sees it and can retry it once the key is fixed ('failed retry'),
-- rather than lose it, or leave it due and retried on every poll ahead of every other due job.
local function fail_unqueueable(by, q, job, expiry)
  local reason = 'queue key ' .. queue_key(q) .. ' holds a ' .. redis.call('TYPE', queue_key(q)).ok
    .. ', not a list, so the job was not queued; fix or remove the key, then retry it'
  local id, decoded = decode_job(job)
  local payload = job
  if not decoded or not string.find(job, '^%s*{') then payload = unparseable(job) end
  push_failure(by, q, payload, 'QueueKeyOfAnotherType', reason)
  local state = id and redis.call('HGET', task_key(id), 'state')
  if id and state ~= 'SUCCESS' and state ~= 'REVOKED' then
    set_state(id, expiry, {'state', 'FAILURE', 'error_type', 'QueueKeyOfAnotherType', 'error', reason})
  end
end

-- Appends a job to a list queue, registers the queue, marks the task PENDING, wakes a worker; or,
-- when the queue cannot take it, fails it (fail_unqueueable) with its task's fields kept.
local function enqueue(q, payload, id, expiry, fields)
  if not queue_takes(q) then
    set_state(id, expiry, fields)
    fail_unqueueable('enqueue', q, payload, expiry)
    return
  end
  redis.call('RPUSH', queue_key(q), payload)
  redis.call('SADD', writable(ns .. ':queues', 'set'), q)
  set_state(id, expiry, fields)
  wake(q)
end

-- Puts a job back at the head of its queue (a reaper's or a warm shutdown's return), or fails it
-- when the queue cannot take it. Returns whether it was queued.
local function return_job(q, job, by, expiry)
  if not queue_takes(q) then
    fail_unqueueable(by, q, job, expiry)
    return false
  end
  redis.call('LPUSH', queue_key(q), job)
  return true
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
    keep_newest(own .. ':chains', tonumber(score), chain, 1000)
  end
  return true
end

-- Reads "count" groups of (queue, payload, task id, chain id or '', chain date, chain score,
-- field count, fields...) from ARGV at i. A group with a chain id is enqueued only if its link
-- is claimed (claim_link), and never with no_links (the task that asks for it was revoked).
-- Returns the index after the groups and how many were enqueued.
local function enqueue_all(i, count, expiry, no_links)
  local enqueued = 0
  local ids = {}
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
      ids[#ids + 1] = id
    end
    i = i + 7 + n
  end
  return i, enqueued, ids
end

-- The follow-up tasks a task's end enqueued, kept in its state (comma-separated ids), so its page
-- can link them; appended, as a failing group member queues its own and then its group's.
local function note_follow_ups(id, ids)
  if #ids == 0 then return end
  local key = task_key(id)
  local before = redis.call('HGET', key, 'follow_ups')
  local list = table.concat(ids, ',')
  if before and before ~= '' then list = before .. ',' .. list end
  redis.call('HSET', key, 'follow_ups', list)
end

-- Takes the job this worker took out of its in-flight list and returns it, or nil when a reaper
-- moved it already. Every script about a worker's job gets its payload byte for byte as popped
-- (Java sends the stored bytes, not its text of them), so an exact match finds it, here and in the
-- queue (take_back), whatever its bytes are.
local function take_inflight(worker, q, payload)
  if redis.call('LREM', inflight_key(worker, q), 1, payload) == 1 then return payload end
  return nil
end

-- A counter of a task's state (deliveries, redeliveries) as a sane whole number, 0 when unset. The
-- hash is data anyone may write, and HINCRBY on a non-number would stop a move half-way through.
local function counter(id, field)
  local n = tonumber(redis.call('HGET', task_key(id), field))
  if not n or n < 0 or n > 1e9 or n ~= math.floor(n) then return 0 end
  return n
end

-- A reaper's return of a job from a worker it took for dead counts against the poison cap
-- (redeliveries), and names that worker (returned_from) until the job is delivered again (pop.lua
-- clears it), so that worker, found alive, can take the return back and its count with it.
local function count_return(id, worker, expiry)
  local returned = string.format('%d', counter(id, 'redeliveries') + 1)
  set_state(id, expiry, {'redeliveries', returned, 'returned_from', worker})
end

-- A worker took back the queued copy of its job (take_back): if that copy is the reaper's return
-- from it, the return did not happen, so neither did its redelivery. A copy no reaper counted (a
-- warm shutdown's, one Redis kept while losing the run) or another worker's return undoes nothing.
local function uncount_return(id, worker)
  local key = id and own .. ':task:' .. id
  if not key or redis.call('TYPE', key).ok ~= 'hash' then return end
  if redis.call('HGET', key, 'returned_from') ~= worker then return end
  local returned = math.max(counter(id, 'redeliveries') - 1, 0)
  redis.call('HSET', key, 'redeliveries', string.format('%d', returned))
  redis.call('HDEL', key, 'returned_from')
end

-- Who may record the outcome of a job this worker ran but no longer holds: a reaper that took this
-- worker for dead (its heartbeat lapsed, or Redis restarted and a reaper never noticed) put it back
-- in its queue, or Redis lost it. Read from its task, which every pop marks with its worker:
-- 'own' when no one took it since (STARTED, or REVOKED by a revoke or pop that met the returned
-- copy, under this worker; or no state, or PENDING: Redis came back without this run);
-- 'ended' when this worker's outcome is recorded already (a retried write whose reply was lost);
-- 'taken' when another delivery runs or ran it: that one records, as Sidekiq's super_fetch and
-- Celery's late acks let only the current holder's outcome count.
local function holder(id, worker)
  if not id then return 'taken' end
  local key = own .. ':task:' .. id
  if redis.call('TYPE', key).ok ~= 'hash' then return 'own' end
  local state, by = unpack(redis.call('HMGET', key, 'state', 'worker'))
  if not state or state == 'PENDING' then return 'own' end
  if by ~= worker then return 'taken' end
  if state == 'STARTED' or state == 'REVOKED' then return 'own' end
  return 'ended'
end

-- A job this worker no longer holds, when it is still its own (holder): the copy a reaper put back
-- in its queue is taken out, so the job is in one place and does not run again, and the reaper's
-- count of that return with it (uncount_return). A job without a task id is its own only if that
-- copy is still there. Returns the job, or nil and why not.
local function take_back(worker, q, payload)
  local id = decode_job(payload)
  local who = holder(id, worker)
  if who == 'ended' then return nil, who end
  local queued = redis.call('TYPE', queue_key(q)).ok == 'list'
    and redis.call('LREM', queue_key(q), 1, payload) == 1
  if queued then uncount_return(id, worker) end
  if who == 'own' or queued then return payload end
  return nil, 'taken'
end

-- Ends a job: out of flight, the worker idle. Returns the job as stored and 1 when this worker held
-- it, 0 when it was taken back (take_back); nil and -1 when another delivery holds or ended it, and
-- nil and 2 when this worker's outcome is recorded already: the caller then records nothing.
local function finish_job(worker, q, payload)
  local job = take_inflight(worker, q, payload)
  redis.call('DEL', ns .. ':worker:' .. worker)
  if job then return job, 1 end
  local back, why = take_back(worker, q, payload)
  if back then return back, 0 end
  if why == 'ended' then return nil, 2 end
  return nil, -1
end

-- Groups and chords (group.lua sends one). A group's hash holds its size, the count of members
-- that succeeded ('done'), its state, and for a chord the callback's job, queued by the step that
-- records the last member's SUCCESS. Member ids are '<group>.<index>', the callback's
-- '<group>.callback'; each job names its group in vars.group.
local function group_key(g) return own .. ':group:' .. g end

-- Sets fields of a group's hash and refreshes its expiry (that of task states).
local function set_group(key, expiry, fields)
  redis.call('HSET', key, unpack(fields))
  redis.call('EXPIRE', key, expiry)
end

-- Whether a group can still finish: PENDING or STARTED (SUCCESS, FAILURE and REVOKED are final).
local function group_open(key)
  local state = redis.call('HGET', key, 'state')
  return state == 'PENDING' or state == 'STARTED'
end

-- The key of group g if task id is part of it, and the task's role there ('member' or 'callback');
-- nil otherwise: the group must exist and list the id (its size bounds the member indexes).
local function group_named(id, g)
  if not is_token(id) or not is_token(g) then return nil end
  local key = group_key(g)
  if redis.call('TYPE', key).ok ~= 'hash' then return nil end
  if id == g .. '.callback' then
    if redis.call('HGET', key, 'callback') == id then return key, 'callback' end
    return nil
  end
  if string.sub(id, 1, #g + 1) ~= g .. '.' then return nil end
  local rest = string.sub(id, #g + 2)
  local index = tonumber(rest)
  local size = tonumber(redis.call('HGET', key, 'size'))
  if not string.find(rest, '^%d+$') or tostring(index) ~= rest or not size or index >= size then
    return nil
  end
  return key, 'member'
end

-- The group a job's task is part of (group_named, the group its vars.group names), or nil. Only a
-- job that mentions a group is decoded: every ack and fail passes here.
local function group_of(id, job)
  if not job or not string.find(job, '"group"', 1, true) then return nil end
  local _, decoded = decode_job(job)
  if not decoded or type(decoded.vars) ~= 'table' then return nil end
  return group_named(id, decoded.vars.group)
end

-- A member or callback was revoked (revoke.lua): its group can no longer finish, so it is REVOKED.
local function group_revoked(id, g, now, expiry)
  local key = group_named(id, g)
  if key and group_open(key) then
    set_group(key, expiry,
      {'state', 'REVOKED', 'finished_at', now, 'note', 'its task ' .. id .. ' was revoked'})
  end
end

-- A member started: the group goes from PENDING to STARTED.
local function group_started(id, g, now, expiry)
  local key = group_named(id, g)
  if key and redis.call('HGET', key, 'state') == 'PENDING' then
    set_group(key, expiry, {'state', 'STARTED', 'started_at', now})
  end
end

-- Queues a chord's callback as group.lua stored it, enqueued now: its payload's enqueued_at (the
-- last field, TaskPayloads writes it so) becomes now, so its queue wait is not the chord's.
local function queue_callback(key, now, expiry)
  local q, job, fields =
    unpack(redis.call('HMGET', key, 'callback_queue', 'callback_job', 'callback_fields'))
  local ok, list = pcall(cjson.decode, fields or '')
  if not q or not job or not ok or type(list) ~= 'table' then
    set_group(key, expiry,
      {'state', 'FAILURE', 'finished_at', now, 'error', 'its callback job was unreadable'})
    return
  end
  -- TIME before writes needs effects replication, the default since Redis 5 (the tests run 6.2).
  local t = redis.call('TIME')
  local ms = string.format('%d', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
  job = string.gsub(job, '"enqueued_at":%d+}}$', '"enqueued_at":' .. ms .. '}}')
  table.insert(list, 'enqueued_at')
  table.insert(list, now)
  enqueue(q, job, redis.call('HGET', key, 'callback'), expiry, list)
  set_group(key, expiry, {'callback_queued_at', now})
end

-- A task succeeded (not revoked). A member is counted once, whatever redelivery acks it again; the
-- count reaching the size ends a group, or queues a chord's callback, exactly once. A callback's
-- success ends its chord.
local function group_succeeded(id, job, now, expiry)
  local key, role = group_of(id, job)
  if not key then return end
  if role == 'callback' then
    if group_open(key) then set_group(key, expiry, {'state', 'SUCCESS', 'finished_at', now}) end
    return
  end
  if redis.call('HSETNX', key, 'ok.' .. id, now) == 0 then return end
  local done = (tonumber(redis.call('HGET', key, 'done')) or 0) + 1
  set_group(key, expiry, {'done', string.format('%d', done)})
  if done ~= tonumber(redis.call('HGET', key, 'size')) or not group_open(key) then return end
  if redis.call('HGET', key, 'callback') == '' then
    set_group(key, expiry, {'state', 'SUCCESS', 'finished_at', now})
  else
    queue_callback(key, now, expiry)
  end
end

-- A member or callback failed for good (not revoked): its group fails with its id and error, once.
-- Returns whether the group failed in this step (then, and only then, its alert is queued).
local function group_failed(id, job, fields, expiry)
  local key = group_of(id, job)
  if not key or not group_open(key) then return false end
  local update = {'state', 'FAILURE', 'failed_task', id}
  for k = 1, #fields - 1, 2 do
    if fields[k] == 'error' or fields[k] == 'finished_at' then
      table.insert(update, fields[k])
      table.insert(update, fields[k + 1])
    end
  end
  set_group(key, expiry, update)
  return true
end

-- Delayed jobs per queue, kept beside the delayed set by every script that adds to it or takes
-- from it ("queue|payload" members), so a console reads one hash instead of the whole set.
local function count_delayed(member, by)
  local sep = string.find(member, '|', 1, true)
  if sep and sep > 1 then
    local key, q = writable(own .. ':delayed:queues', 'hash'), string.sub(member, 1, sep - 1)
    local n = redis.call('HGET', key, q)
    if n and not is_count(n) then redis.call('HDEL', key, q) end
    redis.call('HINCRBY', key, q, by)
  end
end

local function add_delayed(due, member)
  if redis.call('ZADD', writable(own .. ':delayed', 'zset'), due, member) == 1 then count_delayed(member, 1) end
end
