/**
 * XADDs a batch atomically, after checking that the stream has generated at least ARGV[1] (when
 * given): a stream whose last generated id is below what a publisher saw it accept lost entries
 * (Redis restarted without its data, or from an older snapshot), and the publisher must learn it
 * before newer ids hide the gap. Returns the new ids, or {'LOST', last-generated-id} adding nothing.
 * KEYS: stream. ARGV: expected id or '', then per entry: field count, fields…
 */
export const PUBLISH_WITH_CONTINUITY = `
local expected = ARGV[1]
if expected ~= '' then
  local last = '0-0'
  local info = redis.pcall('XINFO', 'STREAM', KEYS[1])
  if type(info) == 'table' and info.err == nil then
    for i = 1, #info, 2 do
      if info[i] == 'last-generated-id' then last = info[i + 1] end
    end
  end
  local lm, ls = string.match(last, '^(%d+)-(%d+)$')
  local em, es = string.match(expected, '^(%d+)-(%d+)$')
  lm, ls, em, es = tonumber(lm), tonumber(ls), tonumber(em), tonumber(es)
  if lm < em or (lm == em and ls < es) then return {'LOST', last} end
end
local ids = {}
local i = 2
while i <= #ARGV do
  local n = tonumber(ARGV[i])
  ids[#ids + 1] = redis.call('XADD', KEYS[1], '*', unpack(ARGV, i + 1, i + n))
  i = i + n + 1
end
return ids`;
