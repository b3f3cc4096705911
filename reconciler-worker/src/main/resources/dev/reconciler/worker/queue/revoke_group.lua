-- Operator's revoke of a group or chord: the group becomes REVOKED, so no callback is queued
-- whatever its members do; revoking its waiting members (revoke.lua, each) is the caller's next
-- step. ARGV: ns, own, expiry, group id, now (ISO). Returns {outcome, detail}: unknown; finished
-- and the state; revoked and the group's size.
local g, expiry, now = ARGV[4], tonumber(ARGV[3]), ARGV[5]
local key = group_key(g)
if redis.call('TYPE', key).ok ~= 'hash' then return {'unknown', ''} end
local state = redis.call('HGET', key, 'state')
if not state then return {'unknown', ''} end
if state ~= 'PENDING' and state ~= 'STARTED' then return {'finished', state} end
set_group(key, expiry, {'state', 'REVOKED', 'revoked_at', now, 'finished_at', now,
  'note', 'revoked by an operator'})
return {'revoked', redis.call('HGET', key, 'size') or '0'}
