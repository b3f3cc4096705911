-- Redis refused a job's outcome for its data (an ACL, a script's error: the same step would be
-- refused again). Redis keeps what a script wrote before its error, so the refused step may have
-- taken the job out of this worker's flight already and recorded it nowhere; left alone, it would
-- be lost, or stay in flight, seen only by 'inspect', to run again at the worker's next start.
-- This step puts it in the failed list with a record that says why, writing as little as it can:
-- the failed list and the in-flight list, which every failure and every pop write anyway. The
-- record goes first: a refused LREM then leaves the job in both lists, never in neither. State
-- FAILURE, the failure counts and the worker's busy entry are written where Redis lets them
-- (pcall); no follow-up is queued.
-- ARGV: ns, own, expiry, worker, queue, payload, task id, failure json, field count, fields...
-- Returns 1 when it moved the job out of flight, 0 when it recorded a job the refused step had
-- taken out of flight (its task still this worker's, the job in no queue), -1 when the job is not
-- this worker's to record (another delivery's, or ended): then nothing is written.
local inflight = inflight_key(ARGV[4], ARGV[5])
local held = redis.call('LPOS', inflight, ARGV[6])
if not held then
  local id = decode_job(ARGV[6])
  if not id or holder(id, ARGV[4]) ~= 'own' then return -1 end
  if queue_takes(ARGV[5]) and redis.call('LPOS', queue_key(ARGV[5]), ARGV[6]) then return -1 end
end
redis.call('RPUSH', failed_key(), ARGV[8])
if held then redis.call('LREM', inflight, 1, ARGV[6]) end
redis.pcall('DEL', ns .. ':worker:' .. ARGV[4])
redis.pcall('INCR', ns .. ':stat:failed')
redis.pcall('INCR', ns .. ':stat:failed:' .. ARGV[4])
if ARGV[7] ~= '' then
  local fields = {}
  for k = 1, tonumber(ARGV[9]) do fields[k] = ARGV[9 + k] end
  local key = own .. ':task:' .. ARGV[7]
  redis.pcall('HSET', key, unpack(fields))
  redis.pcall('EXPIRE', key, tonumber(ARGV[3]))
end
if held then return 1 end
return 0
