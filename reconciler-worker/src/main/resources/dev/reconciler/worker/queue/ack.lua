-- A job succeeded: leave in-flight, count it, mark SUCCESS and enqueue its follow-up tasks, all
-- at once, so a crash can neither lose the follow-ups nor run the job again after SUCCESS.
-- A job this worker no longer holds and another delivery took over is not recorded a second time.
-- ARGV: ns, own, expiry, worker, queue, payload, task id, now, result, follow-up count, groups...
-- Returns finish_job's code.
local job, removed = finish_job(ARGV[4], ARGV[5], ARGV[6])
if not job then return removed end
count(ns .. ':stat:processed')
count(ns .. ':stat:processed:' .. ARGV[4])
local done = {'state', 'SUCCESS', 'finished_at', ARGV[8], 'result', ARGV[9]}
-- Revoked while it ran (without --terminate): it finished, its result stands, but it is REVOKED
-- and its chain stops here. Its other follow-ups (a discrepancy alert) report a run that exists.
local revoked = is_revoked(ARGV[7])
if revoked then
  end_revoked(ARGV[7], tonumber(ARGV[3]), done, 'revoked while it ran; it finished, its result '
    .. 'stands, and its chain\'s next date was not queued')
else
  set_state(ARGV[7], tonumber(ARGV[3]), done)
  group_succeeded(ARGV[7], job, ARGV[8], tonumber(ARGV[3]))
end
local _, _, ids = enqueue_all(11, tonumber(ARGV[10]), tonumber(ARGV[3]), revoked)
note_follow_ups(ARGV[7], ids)
return removed
