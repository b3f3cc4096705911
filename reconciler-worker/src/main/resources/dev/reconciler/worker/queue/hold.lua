-- A live worker that finds its heartbeat gone checks the job it runs is still in its in-flight
-- list: a reaper may have taken it for dead meanwhile. A job no one took since goes back into its
-- flight (take_back), so it is not run twice and a reaper still finds it there should it die.
-- ARGV: ns, own, expiry, worker, queue, payload. Returns 1 held, 0 taken back, 2 ended already
-- (its outcome was recorded in the meantime), -1 taken by another delivery.
local worker, q, payload = ARGV[4], ARGV[5], ARGV[6]
local key = inflight_key(worker, q)
for _, job in ipairs(redis.call('LRANGE', key, 0, -1)) do
  if job == payload then return 1 end
end
local job, why = take_back(worker, q, payload)
if not job then
  if why == 'ended' then return 2 end
  return -1
end
redis.call('RPUSH', key, job)
return 0
