-- Takes the first job of the first non-empty queue into this worker's in-flight list and marks
-- its task STARTED, in one step. A task already SUCCESS is dropped rather than run twice.
-- ARGV: ns, own, expiry, worker, now (ISO, ms), now (epoch microseconds), then queue names in
-- priority order.
local worker, now, expiry = ARGV[4], ARGV[5], tonumber(ARGV[3])
for i = 7, #ARGV do
  local q = ARGV[i]
  while true do
    local job = redis.call('LPOP', queue_key(q))
    if not job then break end
    local ok, decoded = pcall(cjson.decode, job)
    local id = nil
    if ok and type(decoded) == 'table' and type(decoded.vars) == 'table' and type(decoded.vars.task_id) == 'string' then
      id = decoded.vars.task_id
    end
    if id and redis.call('HGET', task_key(id), 'state') == 'SUCCESS' then
      -- a duplicate of finished work: nothing to do
    else
      redis.call('RPUSH', inflight_key(worker, q), job)
      local shown = ok and job or cjson.encode(job)
      redis.call('SET', ns .. ':worker:' .. worker,
        '{"queue":' .. cjson.encode(q) .. ',"run_at":' .. cjson.encode(now) .. ',"payload":' .. shown .. '}')
      if id then
        set_state(id, expiry, {'state', 'STARTED', 'worker', worker, 'started_at', now, 'started_at_us', ARGV[6],
          'attempt', tostring(decoded.vars.attempt or 0)})
      end
      return {q, job}
    end
  end
end
return false
