-- Sends a group (or a chord: a group and its callback) in one step: the group's hash, PENDING, and
-- every member queued. A group id is claimed once: a send retried after a timeout or a crash
-- (the same id) adds nothing. A chord's callback is only kept here, and queued by the step that
-- records its last member's SUCCESS (group_succeeded). The index of groups (scored by the send,
-- the newest thousand kept) is what 'inspect' lists.
-- ARGV: ns, own, expiry, group id, kind ('group' or 'chord'), now (ISO), now (epoch ms), callback
-- id ('' for a group), callback queue, callback job, callback field count, fields..., then member
-- count and groups for enqueue_all. Returns 1 if sent, 0 if the id was claimed before.
local g, expiry = ARGV[4], tonumber(ARGV[3])
local key = writable(group_key(g), 'hash')
if redis.call('EXISTS', key) == 1 then return 0 end
local n = tonumber(ARGV[11])
local fields = {}
for k = 1, n do fields[k] = ARGV[11 + k] end
local i = 12 + n
set_group(key, expiry, {'kind', ARGV[5], 'size', ARGV[i], 'done', '0', 'state', 'PENDING',
  'created_at', ARGV[6], 'callback', ARGV[8], 'callback_queue', ARGV[9], 'callback_job', ARGV[10],
  'callback_fields', cjson.encode(fields)})
redis.call('EXPIRE', keep_newest(own .. ':groups', tonumber(ARGV[7]), g, 1000), expiry)
enqueue_all(i + 1, tonumber(ARGV[i]), expiry)
return 1
