-- A job failed for good: out of flight, a Resque failure record, state FAILURE, and its
-- follow-up tasks (the failure alert) enqueued in the same step. A revoked task (stopped by
-- 'revoke --terminate', or failed after a revoke) is no failure of the system: REVOKED with the
-- error kept, no failure record, no alert.
-- ARGV: ns, own, expiry, worker, queue, payload, task id, failure json, field count, fields...,
--       the attempt's history entry (record_attempt), then follow-up count and groups, then
--       (optional) the group's follow-up count and groups. Returns finish_job's code: nothing is
--       recorded for a job another delivery took over.
local job, removed = finish_job(ARGV[4], ARGV[5], ARGV[6])
if not job then return removed end
local n = tonumber(ARGV[9])
local fields = {}
for k = 1, n do fields[k] = ARGV[9 + k] end
-- No task id from the worker: it could not read the payload. The task pop.lua marked STARTED for
-- the same stored job (found the same way) fails, so the task state and the failed list agree.
local id = ARGV[7]
if id == '' then id = decode_job(job) end
record_attempt(id, tonumber(ARGV[3]), ARGV[10 + n])
if is_revoked(id) then
  end_revoked(id, tonumber(ARGV[3]), fields, 'revoked while it ran; stopped, or failed and not retried')
  return removed
end
redis.call('RPUSH', failed_key(), ARGV[8])
count(ns .. ':stat:failed')
count(ns .. ':stat:failed:' .. ARGV[4])
set_state(id, tonumber(ARGV[3]), fields)
local i = 11 + n
local j, _, ids = enqueue_all(i + 1, tonumber(ARGV[i]), tonumber(ARGV[3]))
note_follow_ups(id, ids)
-- A member or callback of a group fails it; the group's own follow-ups (its failure alert) are
-- queued only by the step that failed it, so a second failing member sends no second alert.
if group_failed(id, job, fields, tonumber(ARGV[3])) and ARGV[j] then
  local _, _, more = enqueue_all(j + 1, tonumber(ARGV[j]), tonumber(ARGV[3]))
  note_follow_ups(id, more)
end
return removed
