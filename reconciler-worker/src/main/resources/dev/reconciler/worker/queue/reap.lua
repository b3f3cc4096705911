-- Recovers a dead worker: if its heartbeat is gone, its in-flight jobs go back to the head of
-- their queues (in their original order; to the failed list if a queue key is no list) and its
-- Resque entries are removed. Safe to run from many workers at once: the second run finds the
-- worker gone and does nothing. Each job's task counts the return (redeliveries): past [worker]
-- max_redeliveries the worker that pops it next fails it unrun (a poison job), with the failure
-- record and alert only the Java side can build. A return the worker takes back, found alive, is
-- not counted (take_back).
-- With release, the same for a worker of this process whatever its heartbeat: at a clean stop
-- (a job whose outcome Redis refused is still in flight) and at start, under the name of a process
-- that died (a container's pid is always the same, so its heartbeat would hide it from reapers).
-- ARGV: ns, own, expiry, worker name, '1' to release or ''. Worker names end in ":queue1,queue2".
local worker = ARGV[4]
if ARGV[5] ~= '1' then
  if redis.call('SISMEMBER', ns .. ':workers', worker) == 0 then return -1 end
  if redis.call('EXISTS', own .. ':heartbeat:' .. worker) == 1 then return -1 end
end
local queues = string.match(worker, ':([^:]*)$') or ''
local moved = 0
for q in string.gmatch(queues, '[^,]+') do
  local inflight = inflight_key(worker, q)
  while true do
    local job = redis.call('RPOP', inflight)
    if not job then break end
    local id = decode_job(job)
    if id then count_return(id, worker, tonumber(ARGV[3])) end
    if return_job(q, job, worker, tonumber(ARGV[3])) then moved = moved + 1 end
  end
  if moved > 0 then wake(q) end
end
redis.call('SREM', writable(ns .. ':workers', 'set'), worker)
redis.call('DEL', ns .. ':worker:' .. worker, ns .. ':worker:' .. worker .. ':started',
  ns .. ':stat:processed:' .. worker, ns .. ':stat:failed:' .. worker, own .. ':heartbeat:' .. worker)
return moved
