-- Takes the first job of the first non-empty queue into this worker's in-flight list and marks
-- its task STARTED, in one step. A task already SUCCESS is dropped rather than run twice, and a
-- revoked one (also when a reaper returned it) is dropped and marked REVOKED. A job the worker
-- then rejects is marked FAILURE by fail.lua, which finds the same task id.
-- ARGV: ns, own, expiry, worker, now (ISO, ms), now (epoch microseconds), then queue names in
-- priority order.
local worker, now, expiry = ARGV[4], ARGV[5], tonumber(ARGV[3])
for i = 7, #ARGV do
  local q = ARGV[i]
  -- A queue key of another type holds no job of ours; skipping it keeps the other queues served
  -- (inspect names it) instead of failing every pop.
  local listed = redis.call('TYPE', queue_key(q)).ok == 'list'
  while listed do
    local job = redis.call('LPOP', queue_key(q))
    if not job then break end
    local id, decoded = decode_job(job)
    local state = id and redis.call('HGET', task_key(id), 'state')
    if state == 'SUCCESS' then
      -- a duplicate of finished work: nothing to do
    elseif state == 'REVOKED' or is_revoked(id) then
      if state ~= 'REVOKED' then
        end_revoked(id, expiry, {'finished_at', now}, 'revoked; its job was dropped when it came back')
      end
    else
      redis.call('RPUSH', inflight_key(worker, q), job)
      local shown
      if decoded then shown = job else shown = cjson.encode(string.sub(job, 1, 1024)) end
      redis.call('SET', ns .. ':worker:' .. worker,
        '{"queue":' .. cjson.encode(q) .. ',"run_at":' .. cjson.encode(now) .. ',"payload":' .. shown .. '}')
      if id then
        local fields = {'state', 'STARTED', 'worker', worker, 'started_at', now, 'started_at_us', ARGV[6]}
        local attempt = decoded.vars.attempt
        if attempt == nil then attempt = 0 end
        -- Only a sane attempt is shown; the worker rejects any other, and fail.lua says why.
        if type(attempt) == 'number' and attempt >= 0 and attempt <= max_attempt and attempt == math.floor(attempt) then
          table.insert(fields, 'attempt')
          table.insert(fields, string.format('%d', attempt))
        end
        set_state(id, expiry, fields)
      end
      return {q, job}
    end
  end
end
return false
