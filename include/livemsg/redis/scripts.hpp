// SPDX-License-Identifier: BSL-1.0
// What livemsg keeps in Redis, and the Lua scripts that decide on it: each decision is one
// script, atomic on the server, with the time taken from the server (TIME) so that the clocks of
// the instances do not matter. The synchronous and the asynchronous clients run the same scripts.
//
// Keys are hash-tagged: the part in braces decides the Redis Cluster slot, so that every key one
// decision touches is in one slot. Names inside the tag are length-prefixed, so that no two
// accounts (or no two AppId and GroupId pairs) share a key whatever bytes they hold.
#pragma once

#include <livemsg/core/call_limiter.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace livemsg::redis {

/// livemsg:rate:{<n>:<account>}:<operation>: the GCRA state of one account's operation, the
/// server's time in microseconds at which its next call may go.
inline std::string rate_key(const limit_key& key) {
    std::string out = "livemsg:rate:{";
    out += std::to_string(key.account.size());
    out += ':';
    out += key.account;
    out += "}:";
    out += key.operation;
    return out;
}

/// livemsg:types:{<n>:<AppId><GroupId>}: the set of a group's MsgType values; with ":full"
/// appended, the flag that the server refused another type (mark_full).
inline std::string types_key(std::string_view app_id, std::string_view group_id) {
    std::string out = "livemsg:types:{";
    out += std::to_string(app_id.size());
    out += ':';
    out += app_id;
    out += group_id;
    out += '}';
    return out;
}
inline std::string types_full_key(std::string_view app_id, std::string_view group_id) {
    return types_key(app_id, group_id) + ":full";
}

/// GCRA without a burst. KEYS[1] the rate key; ARGV[1] the interval between admissions and
/// ARGV[2] the longest wait the caller accepts, both in microseconds. Answers {1, wait} when
/// admitted (the slot held, `wait` microseconds from the server's now), {0, wait} when the next
/// slot is further than the caller waits (nothing held). The key expires once its slot has
/// passed, so an idle account leaves nothing behind. Numbers go back to Redis through
/// string.format: Lua would print a 16-digit microsecond count in exponent form.
inline constexpr std::string_view rate_script = R"lua(
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local max_wait = tonumber(ARGV[2])
local stored = redis.call('GET', KEYS[1])
local tat = stored and tonumber(stored) or now
if tat < now then tat = now end
local wait = tat - now
if wait > max_wait then return {0, wait} end
local next = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', next), 'PX', math.floor((next - now) / 1000) + 1)
return {1, wait}
)lua";

/// The message-type budget's admission. KEYS[1] the group's set, KEYS[2] its full flag; ARGV[1]
/// the MsgType, ARGV[2] the types a group may use (30). Answers {admitted, added, types used}:
/// a type the group has is admitted and not added; a new one is added while the group has fewer
/// than ARGV[2] and no full flag.
inline constexpr std::string_view admit_type_script = R"lua(
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then
  return {1, 0, redis.call('SCARD', KEYS[1])}
end
local used = redis.call('SCARD', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 1 or used >= tonumber(ARGV[2]) then
  return {0, 0, used}
end
redis.call('SADD', KEYS[1], ARGV[1])
return {1, 1, used + 1}
)lua";

/// Microseconds, as the scripts take them: rounded up, so that an interval never shrinks.
inline long long to_microseconds(std::chrono::nanoseconds d) noexcept {
    return static_cast<long long>((d.count() + 999) / 1000);
}

}  // namespace livemsg::redis
