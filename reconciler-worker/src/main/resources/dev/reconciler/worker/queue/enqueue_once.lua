-- Enqueues only if at least one of the fire keys was not set yet (each is set now): two
-- schedulers, one job per fire time, and one catch-up chain for the fire times both missed.
-- ARGV: ns, own, expiry, fire key ttl seconds, key count, fire keys..., count, groups...
local n = tonumber(ARGV[5])
local fresh = false
for k = 1, n do
  if redis.call('SET', ARGV[5 + k], '1', 'NX', 'EX', tonumber(ARGV[4])) then fresh = true end
end
if fresh then
  enqueue_all(7 + n, tonumber(ARGV[6 + n]), tonumber(ARGV[3]))
  return 1
end
return 0
