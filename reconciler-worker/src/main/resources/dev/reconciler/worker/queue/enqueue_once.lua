-- Enqueues only if the fire key was not set yet: two schedulers, one job per fire time.
-- ARGV: ns, own, expiry, fire key, fire key ttl seconds, count, groups...
if redis.call('SET', ARGV[4], '1', 'NX', 'EX', tonumber(ARGV[5])) then
  enqueue_all(7, tonumber(ARGV[6]), tonumber(ARGV[3]))
  return 1
end
return 0
