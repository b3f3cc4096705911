-- A job failed and will be retried: out of flight, into the delayed set with the next attempt.
-- ARGV: ns, own, expiry, worker, queue, payload, task id, due ms, next payload, field count, fields...,
--       then the attempt's history entry (record_attempt). Returns finish_job's code: nothing is
--       recorded for a job another delivery took over.
local job, removed = finish_job(ARGV[4], ARGV[5], ARGV[6])
if not job then return removed end
local fields = {}
for k = 1, tonumber(ARGV[10]) do fields[k] = ARGV[10 + k] end
record_attempt(ARGV[7], tonumber(ARGV[3]), ARGV[11 + tonumber(ARGV[10])])
if is_revoked(ARGV[7]) then
  end_revoked(ARGV[7], tonumber(ARGV[3]), fields, 'revoked while it ran; it failed and is not retried')
  redis.call('HDEL', task_key(ARGV[7]), 'retry_at')
  return removed
end
add_delayed(tonumber(ARGV[8]), ARGV[5] .. '|' .. ARGV[9])
set_state(ARGV[7], tonumber(ARGV[3]), fields)
return removed
