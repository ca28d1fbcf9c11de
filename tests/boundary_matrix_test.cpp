// SPDX-License-Identifier: BSL-1.0
// The boundary matrix: every documented rule of every operation, at its limit, one past it,
// empty and missing; ill-formed UTF-8 of every kind; non-ASCII and punctuation in IDs; the
// int64 and int32 extremes; quotes, backslashes, control characters, U+2028 and NUL, checked
// byte for byte on the wire; CR and LF wherever a value reaches a header or the request line.
// One row per case, each naming the code it expects and the field that code is reported for.
#if defined(__GNUC__) && !defined(__clang__)
// GCC 12 at -O2 takes the move of a row's std::variant holding a vector for a read of
// uninitialized memory (a false positive inside libstdc++'s variant). Popped at the end, so that
// the files compiled after this one in a unit keep the warning.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <livemsg/livemsg.hpp>
#include <livemsg/signing.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace boundary_matrix_test {

using livemsg::error_code;

namespace {

// What a row sets: a request of one operation, the Tencent caller, the Volcengine endpoint, or
// the credentials and request a signer is given.
enum class subject { user, group, to_group, text_msg, caller, p2p, p2p_endpoint, alibaba_signing, volcengine_signing };

struct unset {};  // the field left out (missing)
struct json {     // the field's value as raw JSON text, in the operation's example, through decode_json
    std::string_view text;
};
using ids = std::vector<std::int64_t>;
using value = std::variant<unset, std::string, std::int64_t, ids, json>;

inline constexpr std::optional<error_code> valid = std::nullopt;

struct row {
    subject what;
    std::string_view field;             // what the row sets
    value v;
    std::optional<error_code> code;     // the one violation expected, or valid
    std::string_view at;                // the field it is reported for ("" means `field`)
    std::string wire = {};              // for a valid row: bytes that must be on the wire
};

std::string rep(std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}
std::string nested_json(std::size_t depth) { return rep("[", depth) + rep("]", depth); }

constexpr std::int64_t i64_min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t i64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t i32_min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t i32_max = std::numeric_limits<std::int32_t>::max();

using namespace std::string_literals;
using namespace std::string_view_literals;

// Ill-formed UTF-8 of every kind, for any text field.
const std::vector<std::string> ill_formed_utf8 = {
    "caf\xC3"s,              // truncated 2-byte sequence
    "\xE2\x82"s,             // truncated 3-byte sequence
    "\xF0\x9F\x98"s,         // truncated 4-byte sequence
    "\xC0\xAF"s,             // overlong '/'
    "\xE0\x80\xAF"s,         // overlong 3-byte '/'
    "\xF0\x80\x80\xAF"s,     // overlong 4-byte '/'
    "\xED\xA0\x80"s,         // U+D800, a surrogate
    "\xED\xBF\xBF"s,         // U+DFFF, a surrogate
    "\xF4\x90\x80\x80"s,     // above U+10FFFF
    "\xF5\x80\x80\x80"s,     // 0xF5
    "\xFE"s,                 // 0xFE
    "\xFF"s,                 // 0xFF
    "\x80"s,                 // a lone continuation byte
};

std::vector<row> matrix() {
    using enum subject;
    std::vector<row> t = {
        // ---- Alibaba SendLiveMessageUser: every parameter in the query.
        {user, "AppId", "demo"s, valid, "", "AppId=demo"},
        {user, "AppId", unset{}, error_code::missing, ""},
        {user, "AppId", ""s, error_code::empty, ""},
        {user, "AppId", "应用-1.a_b"s, valid, "", "AppId=%E5%BA%94%E7%94%A8-1.a_b"},  // text, not an ID rule
        {user, "AppId", json{"null"}, error_code::wrong_type, ""},
        {user, "AppId", json{"5"}, error_code::wrong_type, ""},
        {user, "ReceiverId", rep("a", 64), valid, "", "ReceiverId=" + rep("a", 64)},
        {user, "ReceiverId", rep("a", 65), error_code::too_long, ""},
        {user, "ReceiverId", ""s, error_code::empty, ""},
        {user, "ReceiverId", unset{}, error_code::missing, ""},
        {user, "ReceiverId", "uid-2"s, error_code::not_alphanumeric, ""},
        {user, "ReceiverId", "uid_2"s, error_code::not_alphanumeric, ""},
        {user, "ReceiverId", "uid 2"s, error_code::not_alphanumeric, ""},
        {user, "ReceiverId", "uid.2"s, error_code::not_alphanumeric, ""},
        {user, "ReceiverId", "usér"s, error_code::not_alphanumeric, ""},
        {user, "ReceiverId", "用户"s, error_code::not_alphanumeric, ""},
        {user, "ReceiverId", "uid\0002"s, error_code::not_alphanumeric, ""},
        {user, "ReceiverId", "uid\r\n2"s, error_code::not_alphanumeric, ""},
        {user, "SenderId", rep("Z9", 32), valid, "", "SenderId=" + rep("Z9", 32)},
        {user, "SenderId", rep("Z", 65), error_code::too_long, ""},
        {user, "SenderId", ""s, error_code::empty, ""},
        {user, "SenderId", unset{}, error_code::missing, ""},
        {user, "SenderId", "ü1"s, error_code::not_alphanumeric, ""},
        {user, "SenderId", "u1!"s, error_code::not_alphanumeric, ""},
        {user, "SenderInfo", rep("x", 512), valid, "", "SenderInfo=" + rep("x", 512)},
        {user, "SenderInfo", rep("x", 510) + "é", valid, "", "SenderInfo=" + rep("x", 510) + "%C3%A9"},  // 512 bytes
        {user, "SenderInfo", rep("x", 513), error_code::too_long, ""},
        {user, "SenderInfo", rep("x", 511) + "é", error_code::too_long, ""},  // 511 characters, 513 bytes
        {user, "SenderInfo", ""s, valid, "", "SenderInfo=&"},
        {user, "SenderInfo", unset{}, valid, ""},
        {user, "SenderInfo", json{"null"}, valid, ""},  // null reads as absent
        {user, "Body", rep("b", 15360), valid, "", "Body=" + rep("b", 15360)},
        {user, "Body", rep("中", 5120), valid, "", "Body=" + rep("%E4%B8%AD", 5120)},  // 15360 bytes
        {user, "Body", rep("b", 15361), error_code::too_long, ""},
        {user, "Body", rep("中", 5120) + "b", error_code::too_long, ""},
        {user, "Body", ""s, valid, "", "&Body=\n"},  // sent empty, as the last parameter
        {user, "Body", unset{}, valid, ""},
        {user, "Body", "say \"hi\""s, valid, "", "Body=say%20%22hi%22"},
        {user, "Body", "back\\slash"s, valid, "", "Body=back%5Cslash"},
        {user, "Body", "nul\0byte"s, valid, "", "Body=nul%00byte"},
        {user, "Body", "cr\r\nlf\t\x01\x1F\x7F"s, valid, "", "Body=cr%0D%0Alf%09%01%1F%7F"},
        {user, "Body", "line\u2028sep"s, valid, "", "Body=line%E2%80%A8sep"},
        {user, "Body", "a&b=c+d%20"s, valid, "", "Body=a%26b%3Dc%2Bd%2520"},
        {user, "Body", json{R"("tab\tquote\"nul\u0000")"}, valid, "", "Body=tab%09quote%22nul%00"},
        {user, "MsgType", i64_min, valid, "", "MsgType=-9223372036854775808"},
        {user, "MsgType", i64_max, valid, "", "MsgType=9223372036854775807"},
        {user, "MsgType", unset{}, valid, ""},
        {user, "MsgType", json{"-9223372036854775808"}, valid, "", "MsgType=-9223372036854775808"},
        {user, "MsgType", json{"9223372036854775807"}, valid, "", "MsgType=9223372036854775807"},
        {user, "MsgType", json{"9223372036854775808"}, error_code::out_of_range, ""},
        {user, "MsgType", json{"-9223372036854775809"}, error_code::out_of_range, ""},
        {user, "MsgType", json{"18446744073709551616"}, error_code::out_of_range, ""},
        {user, "MsgType", json{"1.5"}, error_code::out_of_range, ""},
        {user, "MsgType", json{"1e400"}, error_code::out_of_range, ""},
        {user, "MsgType", json{R"("2")"}, error_code::wrong_type, ""},
        {user, "MsgType", json{"true"}, error_code::wrong_type, ""},
        {user, "MsgTid", rep("7", 64), valid, "", "MsgTid=" + rep("7", 64)},
        {user, "MsgTid", rep("7", 65), error_code::too_long, ""},
        {user, "MsgTid", ""s, error_code::empty, ""},
        {user, "MsgTid", "169830****"s, error_code::not_alphanumeric, ""},  // the page's masked example
        {user, "MsgTid", unset{}, valid, ""},
        {user, "DataCenter", json{R"("cn-shanghai")"}, valid, "", "DataCenter=cn-shanghai"},
        {user, "DataCenter", json{R"("ap-southeast-1")"}, valid, "", "DataCenter=ap-southeast-1"},
        {user, "DataCenter", json{R"("cn_shanghai")"}, error_code::not_one_of, ""},
        {user, "DataCenter", json{R"("")"}, error_code::not_one_of, ""},
        {user, "DataCenter", json{"1"}, error_code::wrong_type, ""},
        {user, "HighReliability", json{"true"}, valid, "", "HighReliability=true"},
        {user, "HighReliability", json{R"("true")"}, error_code::wrong_type, ""},
        {user, "Storage", json{"false"}, valid, "", "Storage=false"},
        {user, "Storage", json{"0"}, error_code::wrong_type, ""},

        // ---- Alibaba SendLiveMessageGroup.
        {group, "AppId", ""s, error_code::empty, ""},
        {group, "AppId", unset{}, error_code::missing, ""},
        {group, "GroupId", "AE35-T95F"s, valid, "", "GroupId=AE35-T95F"},  // punctuation: text, not an ID
        {group, "GroupId", "グループ"s, valid, "", "GroupId=%E3%82%B0%E3%83%AB%E3%83%BC%E3%83%97"},
        {group, "GroupId", ""s, error_code::empty, ""},
        {group, "GroupId", unset{}, error_code::missing, ""},
        {group, "SenderId", rep("a", 64), valid, ""},
        {group, "SenderId", rep("a", 65), error_code::too_long, ""},
        {group, "SenderId", "a-b"s, error_code::not_alphanumeric, ""},
        {group, "SenderId", unset{}, error_code::missing, ""},
        {group, "SenderMetaInfo", rep("m", 512), valid, ""},
        {group, "SenderMetaInfo", rep("m", 513), error_code::too_long, ""},
        {group, "SenderMetaInfo", "{\"nick\":\"\\\"q\\\"\"}"s, valid, "", "SenderMetaInfo=%7B%22nick%22%3A%22%5C%22q%5C%22%22%7D"},
        {group, "Body", rep("g", 15360), valid, ""},
        {group, "Body", rep("g", 15361), error_code::too_long, ""},
        {group, "MsgType", i64_min, valid, "", "MsgType=-9223372036854775808"},
        {group, "MsgType", json{"9223372036854775808"}, error_code::out_of_range, ""},
        {group, "MsgTid", rep("t", 65), error_code::too_long, ""},
        {group, "MsgTid", "t/1"s, error_code::not_alphanumeric, ""},
        {group, "StaticsIncrease", i64_max, valid, "", "StaticsIncrease=9223372036854775807"},
        {group, "StaticsIncrease", i64_min, valid, "", "StaticsIncrease=-9223372036854775808"},
        {group, "StaticsIncrease", json{"-9223372036854775809"}, error_code::out_of_range, ""},
        {group, "StaticsIncrease", json{R"("1")"}, error_code::wrong_type, ""},
        {group, "Weight", i64_max, valid, "", "Weight=9223372036854775807"},
        {group, "Weight", json{"9223372036854775808"}, error_code::out_of_range, ""},
        {group, "Weight", json{"0.5"}, error_code::out_of_range, ""},
        {group, "NoStorage", json{"true"}, valid, "", "NoStorage=true"},
        {group, "NoStorage", json{R"("false")"}, error_code::wrong_type, ""},
        {group, "NoCache", json{"false"}, valid, "", "NoCache=false"},
        {group, "NoCache", json{"null"}, valid, ""},
        {group, "NoCache", json{"[]"}, error_code::wrong_type, ""},
        {group, "DataCenter", json{R"("ap-southeast-1")"}, valid, "", "DataCenter=ap-southeast-1"},
        {group, "DataCenter", json{R"("cn-beijing")"}, error_code::not_one_of, ""},

        // ---- Alibaba SendMessageToGroup: SkipAudit in the query, the rest in a form body.
        {to_group, "AppId", "VKL3"s, valid, "", "AppId=VKL3"},
        {to_group, "AppId", ""s, error_code::empty, ""},
        {to_group, "AppId", unset{}, error_code::missing, ""},
        {to_group, "GroupId", "AE35-T95F"s, valid, "", "GroupId=AE35-T95F"},
        {to_group, "GroupId", ""s, error_code::empty, ""},
        {to_group, "GroupId", unset{}, error_code::missing, ""},
        {to_group, "OperatorUserId", "de1**a0"s, valid, "", "OperatorUserId=de1%2A%2Aa0"},
        {to_group, "OperatorUserId", "操作员"s, valid, "", "OperatorUserId=%E6%93%8D%E4%BD%9C%E5%91%98"},
        {to_group, "OperatorUserId", ""s, error_code::empty, ""},
        {to_group, "OperatorUserId", unset{}, error_code::missing, ""},
        {to_group, "Type", i32_max, valid, "", "Type=2147483647"},
        {to_group, "Type", i32_min, valid, "", "Type=-2147483648"},
        {to_group, "Type", i32_max + 1, error_code::out_of_range, ""},
        {to_group, "Type", i32_min - 1, error_code::out_of_range, ""},
        {to_group, "Type", i64_max, error_code::out_of_range, ""},
        {to_group, "Type", json{"12000"}, valid, "", "Type=12000"},
        {to_group, "Type", json{"2147483648"}, error_code::out_of_range, ""},
        {to_group, "Type", json{"9223372036854775808"}, error_code::out_of_range, ""},
        {to_group, "Type", unset{}, valid, ""},
        {to_group, "Data", R"({"text":"test"})"s, valid, "", "Data=%7B%22text%22%3A%22test%22%7D"},
        {to_group, "Data", R"({"q":"a&b=c"})"s, valid, "", "Data=%7B%22q%22%3A%22a%26b%3Dc%22%7D"},
        {to_group, "Data", R"("\u2028\u0000")"s, valid, "", "Data=%22%5Cu2028%5Cu0000%22"},
        {to_group, "Data", R"("\ud83d\ude00")"s, valid, "", "Data=%22%5Cud83d%5Cude00%22"},  // a surrogate pair
        {to_group, "Data", R"("\ud800")"s, error_code::not_json, ""},  // a high surrogate alone: no character
        {to_group, "Data", R"("\uDDDD")"s, error_code::not_json, ""},  // a low surrogate alone (found by fuzz_text_rules)
        {to_group, "Data", R"("\ud800\u0041")"s, error_code::not_json, ""},
        {text_msg, "ExtensionInfo", R"({"e":"\udc00\ud800"})"s, error_code::not_json, ""},
        {to_group, "Data", "test"s, error_code::not_json, ""},  // the page's example value is not JSON
        {to_group, "Data", "[1,]"s, error_code::not_json, ""},
        {to_group, "Data", "{\"a\":\"\n\"}"s, error_code::not_json, ""},  // a raw LF inside a JSON string
        {to_group, "Data", nested_json(256), valid, ""},
        {to_group, "Data", nested_json(257), error_code::not_json, ""},
        {to_group, "Data", "\"caf\xC3\""s, error_code::invalid_utf8, ""},
        {to_group, "Data", ""s, error_code::empty, ""},
        {to_group, "Data", unset{}, error_code::missing, ""},
        {to_group, "SkipAudit", json{"true"}, valid, "", "SkipAudit=true"},
        {to_group, "SkipAudit", json{R"("yes")"}, error_code::wrong_type, ""},

        // ---- Tencent send_text_msg: a JSON body.
        {text_msg, "RoomId", "room1"s, valid, "", R"("RoomId":"room1")"},
        {text_msg, "RoomId", "直播间-1 #a"s, valid, "", R"("RoomId":"直播间-1 #a")"},
        {text_msg, "RoomId", ""s, error_code::empty, ""},
        {text_msg, "RoomId", unset{}, error_code::missing, ""},
        {text_msg, "RoomId", json{"1"}, error_code::wrong_type, ""},
        {text_msg, "Sender_Account", "user@example.com"s, valid, "", R"("Sender_Account":"user@example.com")"},
        {text_msg, "Sender_Account", ""s, error_code::empty, ""},
        {text_msg, "Sender_Account", unset{}, error_code::missing, ""},
        {text_msg, "TextContent", rep("t", 12288), valid, "", "\"TextContent\":\"" + rep("t", 12288) + '"'},
        {text_msg, "TextContent", rep("字", 4096), valid, ""},  // 12288 bytes
        {text_msg, "TextContent", rep("t", 12289), error_code::too_long, ""},
        {text_msg, "TextContent", rep("字", 4096) + "t", error_code::too_long, ""},
        {text_msg, "TextContent", ""s, error_code::empty, ""},
        {text_msg, "TextContent", unset{}, error_code::missing, ""},
        {text_msg, "TextContent", "say \"hi\""s, valid, "", R"("TextContent":"say \"hi\"")"},
        {text_msg, "TextContent", "back\\slash"s, valid, "", R"("TextContent":"back\\slash")"},
        {text_msg, "TextContent", "nul\0byte"s, valid, "", R"("TextContent":"nul\u0000byte")"},
        {text_msg, "TextContent", "\r\n\t\b\f"s, valid, "", R"("TextContent":"\r\n\t\b\f")"},
        {text_msg, "TextContent", "\x01\x1F\x7F"s, valid, "", "\"TextContent\":\"\\u0001\\u001f\x7F\""},
        {text_msg, "TextContent", "line\u2028para\u2029"s, valid, "", "\"TextContent\":\"line\u2028para\u2029\""},
        {text_msg, "TextContent", "</script>"s, valid, "", R"("TextContent":"</script>")"},
        {text_msg, "ExtensionInfo", R"({"data":1,"value":2})"s, valid, "", R"("ExtensionInfo":"{\"data\":1,\"value\":2}")"},
        {text_msg, "ExtensionInfo", R"({"s":"\"\\\u2028"})"s, valid, "", R"("ExtensionInfo":"{\"s\":\"\\\"\\\\\\u2028\"}")"},
        {text_msg, "ExtensionInfo", "not json"s, error_code::not_json, ""},
        {text_msg, "ExtensionInfo", ""s, error_code::empty, ""},
        {text_msg, "ExtensionInfo", "{\"a\":\"\xED\xA0\x80\"}"s, error_code::invalid_utf8, ""},
        {text_msg, "ExtensionInfo", unset{}, valid, ""},
        {text_msg, "ExtensionInfo", json{"null"}, valid, ""},
        {text_msg, "ExtensionInfo", json{R"({"data":1})"}, error_code::wrong_type, ""},  // a string holding JSON

        // ---- Tencent caller: the domain reaches the request line and the Host header.
        {caller, "domain", "console.tim.qq.com"s, valid, "", "https://console.tim.qq.com/v4/"},
        {caller, "domain", "localhost:65535"s, valid, "", "https://localhost:65535/v4/"},
        {caller, "domain", rep("a", 249) + ".com", valid, ""},  // 253 bytes
        {caller, "domain", rep("a", 250) + ".com", error_code::too_long, ""},
        {caller, "domain", ""s, error_code::empty, ""},
        {caller, "domain", unset{}, error_code::missing, ""},
        {caller, "domain", "console.tim.qq.com\r\nX-Evil: 1"s, error_code::control_character, ""},
        {caller, "domain", "console.tim.qq.com\n"s, error_code::control_character, ""},
        {caller, "domain", "host:443\r"s, error_code::control_character, ""},
        {caller, "domain", "host\0.com"s, error_code::control_character, ""},
        {caller, "domain", "host/v4"s, error_code::not_alphanumeric, ""},
        {caller, "domain", "user@host"s, error_code::not_alphanumeric, ""},
        {caller, "domain", "hôst.com"s, error_code::not_alphanumeric, ""},
        {caller, "domain", "host:0"s, error_code::not_alphanumeric, ""},
        {caller, "domain", "host:65536"s, error_code::not_alphanumeric, ""},
        {caller, "sdkappid", std::int64_t{1}, valid, "", "sdkappid=1&"},
        {caller, "sdkappid", std::int64_t{4294967295}, valid, "", "sdkappid=4294967295&"},
        {caller, "sdkappid", std::int64_t{0}, error_code::out_of_range, ""},
        {caller, "sdkappid", std::int64_t{-1}, error_code::out_of_range, ""},
        {caller, "sdkappid", std::int64_t{4294967296}, error_code::out_of_range, ""},
        {caller, "sdkappid", unset{}, error_code::missing, ""},
        {caller, "identifier", "admin"s, valid, "", "identifier=admin&"},
        {caller, "identifier", "管理员 a+b"s, valid, "", "identifier=%E7%AE%A1%E7%90%86%E5%91%98%20a%2Bb&"},
        {caller, "identifier", "ad\r\nmin"s, valid, "", "identifier=ad%0D%0Amin&"},  // percent-encoded in the query
        {caller, "identifier", ""s, error_code::empty, ""},
        {caller, "identifier", unset{}, error_code::missing, ""},
        {caller, "identifier", "\xC0\xAF"s, error_code::invalid_utf8, ""},
        {caller, "usersig", "eJy*-_09AZaz"s, valid, "", "usersig=eJy%2A-_09AZaz&"},
        {caller, "usersig", "eJy\r\n"s, error_code::not_alphanumeric, ""},
        {caller, "usersig", "eJy+/="s, error_code::not_alphanumeric, ""},
        {caller, "usersig", unset{}, error_code::missing, ""},

        // ---- Volcengine P2PSendMessage: a JSON body, Longs exact.
        {p2p, "AppId", i32_max, valid, "", R"("AppId":2147483647)"},
        {p2p, "AppId", i32_min, valid, "", R"("AppId":-2147483648)"},
        {p2p, "AppId", i32_max + 1, error_code::out_of_range, ""},
        {p2p, "AppId", i32_min - 1, error_code::out_of_range, ""},
        {p2p, "AppId", unset{}, error_code::missing, ""},
        {p2p, "AppId", json{"2147483648"}, error_code::out_of_range, ""},
        {p2p, "AppId", json{R"("666675")"}, error_code::wrong_type, ""},
        {p2p, "Sender", i64_max, valid, "", R"("Sender":9223372036854775807)"},
        {p2p, "Sender", i64_min, valid, "", R"("Sender":-9223372036854775808)"},
        {p2p, "Sender", unset{}, error_code::missing, ""},
        {p2p, "Sender", json{"9223372036854775808"}, error_code::out_of_range, ""},
        {p2p, "Sender", json{"-9223372036854775809"}, error_code::out_of_range, ""},
        {p2p, "Sender", json{"10008.0"}, error_code::out_of_range, ""},
        {p2p, "ConversationShortId", json{"7221856821303361536"}, valid, "", R"("ConversationShortId":7221856821303361536)"},
        {p2p, "ConversationShortId", json{"7221856821303362000"}, valid, "", R"("ConversationShortId":7221856821303362000)"},
        {p2p, "ConversationShortId", json{"7.221856821303362e18"}, error_code::out_of_range, ""},
        {p2p, "ConversationShortId", i64_min, valid, "", R"("ConversationShortId":-9223372036854775808)"},
        {p2p, "ConversationShortId", unset{}, error_code::missing, ""},
        {p2p, "MsgType", i32_max, valid, "", R"("MsgType":2147483647)"},
        {p2p, "MsgType", i32_min - 1, error_code::out_of_range, ""},
        {p2p, "MsgType", unset{}, error_code::missing, ""},
        {p2p, "Content", ""s, valid, "", R"("Content":"")"},  // any text, even empty
        {p2p, "Content", unset{}, error_code::missing, ""},
        {p2p, "Content", "q\"b\\n\0c\x1F\u2028"s, valid, "", "\"Content\":\"q\\\"b\\\\n\\u0000c\\u001f\u2028\""},
        {p2p, "Content", rep("长", 100000), valid, ""},  // no documented limit
        {p2p, "ReceiverUserId", ids{10001, 10008}, valid, "", R"("ReceiverUserId":[10001,10008],"IgnoreUserIds":[])"},
        {p2p, "ReceiverUserId", ids{i64_min, i64_max}, valid, "", R"("ReceiverUserId":[-9223372036854775808,9223372036854775807])"},
        {p2p, "ReceiverUserId", ids{}, error_code::empty, ""},  // only({}): an empty list would reach everyone
        {p2p, "ReceiverUserId", json{"[]"}, valid, "", R"("ReceiverUserId":[],"IgnoreUserIds":[])"},
        {p2p, "ReceiverUserId", json{"null"}, valid, ""},
        {p2p, "ReceiverUserId", json{R"([1,"2"])"}, error_code::wrong_type, "ReceiverUserId[1]"},
        {p2p, "ReceiverUserId", json{"[9223372036854775808]"}, error_code::out_of_range, "ReceiverUserId[0]"},
        {p2p, "ReceiverUserId", json{"[1.5]"}, error_code::out_of_range, "ReceiverUserId[0]"},
        {p2p, "ReceiverUserId", json{"{}"}, error_code::wrong_type, ""},
        {p2p, "IgnoreUserIds", ids{i64_max}, valid, "", R"("ReceiverUserId":[],"IgnoreUserIds":[9223372036854775807])"},
        {p2p, "IgnoreUserIds", json{"[-9223372036854775809]"}, error_code::out_of_range, "IgnoreUserIds[0]"},
        {p2p, "IgnoreUserIds", json{R"(["a"])"}, error_code::wrong_type, "IgnoreUserIds[0]"},

        // ---- Volcengine endpoint: the host reaches the request line, the region the signed scope.
        {p2p_endpoint, "host", "rtc.volcengineapi.com"s, valid, ""},
        {p2p_endpoint, "host", "[::1]:8443"s, valid, ""},
        {p2p_endpoint, "host", "rtc.volcengineapi.com\r\nX-Evil: 1"s, error_code::control_character, ""},
        {p2p_endpoint, "host", "rtc.volcengineapi.com\n"s, error_code::control_character, ""},
        {p2p_endpoint, "host", "rtc.volcengineapi.com/x"s, error_code::not_alphanumeric, ""},
        {p2p_endpoint, "host", ""s, error_code::empty, ""},
        {p2p_endpoint, "region", "cn-north-1\r\n"s, error_code::control_character, ""},
        {p2p_endpoint, "region", "cn north"s, error_code::not_alphanumeric, ""},
        {p2p_endpoint, "region", ""s, error_code::empty, ""},

        // ---- Alibaba signing: what V1 and V3 put into headers and the query.
        {alibaba_signing, "access_key_id", "LTAI5tExampleKeyId"s, valid, ""},
        {alibaba_signing, "access_key_id", "LTAI\r\nX-Evil: 1"s, error_code::control_character, ""},
        {alibaba_signing, "access_key_id", "LTAI\n"s, error_code::control_character, ""},
        {alibaba_signing, "access_key_id", "LTAI key"s, error_code::not_alphanumeric, ""},
        {alibaba_signing, "access_key_id", ""s, error_code::empty, ""},
        {alibaba_signing, "access_key_secret", ""s, error_code::empty, ""},
        {alibaba_signing, "access_key_secret", "se\r\ncret"s, valid, ""},  // never sent: only hashed
        {alibaba_signing, "security_token", "sts-token"s, valid, "", "x-acs-security-token: sts-token"},
        {alibaba_signing, "security_token", "sts\r\nX-Evil: 1"s, error_code::control_character, ""},
        {alibaba_signing, "security_token", "sts\0"s, error_code::control_character, ""},
        {alibaba_signing, "nonce", "n1"s, valid, "", "x-acs-signature-nonce: n1"},
        {alibaba_signing, "nonce", "n\n1"s, error_code::control_character, ""},
        {alibaba_signing, "nonce", "n 1"s, error_code::not_alphanumeric, ""},
        {alibaba_signing, "nonce", ""s, error_code::empty, ""},
        {alibaba_signing, "host", "live.aliyuncs.com\r\n"s, error_code::control_character, ""},
        {alibaba_signing, "host", "live.aliyuncs.com/x"s, error_code::not_alphanumeric, ""},
        {alibaba_signing, "Content-Type", "application/json\r\nX-Evil: 1"s, error_code::control_character, ""},
        {alibaba_signing, "X-Custom", "a\r\nb"s, error_code::control_character, ""},
        {alibaba_signing, "X Custom", "a"s, error_code::not_alphanumeric, ""},
        {alibaba_signing, "X-Custom", "plain"s, valid, "", "X-Custom: plain"},

        // ---- Volcengine signing.
        {volcengine_signing, "access_key_id", "AKLTExampleKeyId"s, valid, ""},
        {volcengine_signing, "access_key_id", "AKLT\r\n"s, error_code::control_character, ""},
        {volcengine_signing, "access_key_id", "AKLT-1"s, error_code::not_alphanumeric, ""},
        {volcengine_signing, "access_key_id", ""s, error_code::empty, ""},
        {volcengine_signing, "secret_access_key", ""s, error_code::empty, ""},
        {volcengine_signing, "session_token", "token"s, valid, "", "X-Security-Token: token"},
        {volcengine_signing, "session_token", "tok\r\nX-Evil: 1"s, error_code::control_character, ""},
        {volcengine_signing, "region", "cn-beijing\r\n"s, error_code::control_character, ""},
        {volcengine_signing, "region", "cn/beijing"s, error_code::not_alphanumeric, ""},
        {volcengine_signing, "service", "rtc\n"s, error_code::control_character, ""},
        {volcengine_signing, "service", ""s, error_code::empty, ""},
        {volcengine_signing, "host", "rtc.volcengineapi.com\r\n"s, error_code::control_character, ""},
        {volcengine_signing, "Content-Type", "application/json\n"s, error_code::control_character, ""},
        {volcengine_signing, "X-Custom", "a\rb"s, error_code::control_character, ""},
        {volcengine_signing, "X-Custom", "plain"s, valid, "", "X-Custom: plain"},
    };

    // Ill-formed UTF-8 in every text field of every operation.
    const std::vector<std::pair<subject, std::string_view>> text_fields = {
        {user, "AppId"}, {user, "SenderInfo"}, {user, "Body"},
        {group, "AppId"}, {group, "GroupId"}, {group, "SenderMetaInfo"}, {group, "Body"},
        {to_group, "AppId"}, {to_group, "GroupId"}, {to_group, "OperatorUserId"}, {to_group, "Data"},
        {text_msg, "RoomId"}, {text_msg, "Sender_Account"}, {text_msg, "TextContent"}, {text_msg, "ExtensionInfo"},
        {p2p, "Content"},
    };
    for (const auto& [what, field] : text_fields)
        for (const std::string& bad : ill_formed_utf8) t.push_back({what, field, "x" + bad, error_code::invalid_utf8, ""});
    // ... and where the text is an ID, the same bytes are simply not letters or digits.
    for (std::string_view field : {"ReceiverId", "SenderId", "MsgTid"})
        for (const std::string& bad : ill_formed_utf8) t.push_back({user, field, "x" + bad, error_code::not_alphanumeric, ""});
    return t;
}

// ---- Running a row.

// The operations' examples, as decode_json reads them.
std::string_view example_json(subject what) {
    switch (what) {
        case subject::user: return R"({"AppId":"demo","ReceiverId":"uid2","SenderId":"uid1","Body":"hello, user"})";
        case subject::group:
            return R"({"AppId":"demo","GroupId":"grouptest","SenderId":"uid1","Body":"hello,group","MsgType":1})";
        case subject::to_group:
            return R"({"AppId":"VKL3","GroupId":"AE35-T95F","OperatorUserId":"de1a0","Data":"{\"text\":\"test\"}"})";
        case subject::text_msg: return R"({"RoomId":"room1","Sender_Account":"user1","TextContent":"msg"})";
        default:
            return R"({"AppId":666675,"Sender":10008,"ConversationShortId":7221856821303361536,"MsgType":10013,)"
                   R"("Content":"{\"type\":1000,\"ext\":\"\",\"message_type\":10001}"})";
    }
}

// The example with `field` replaced by raw JSON text, byte for byte.
std::string with_json_field(subject what, std::string_view field, std::string_view raw) {
    auto object = boost::json::parse(example_json(what)).as_object();
    object.erase(field);
    const std::string rest = boost::json::serialize(object);
    return "{\"" + std::string(field) + "\":" + std::string(raw) + (object.empty() ? "" : ",") + rest.substr(1);
}

template <class Op>
void set_member(Op& op, std::string_view field, const value& v) {
    bool found = false;
    livemsg::detail::for_each_member<Op>([&](auto D) {
        using M = livemsg::detail::member_type<Op, decltype(D)>;
        if (field != D.name) return;
        found = true;
        M& m = op.*D.pointer;
        if (std::holds_alternative<unset>(v)) m = M{};
        else if (const auto* s = std::get_if<std::string>(&v)) {
            if constexpr (std::is_constructible_v<M, std::string>) m = M(*s);
            else FAIL("a string for a member that holds none: " << field);
        } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
            if constexpr (requires { M::min; M::max; }) m = *n;
            else FAIL("an integer for a member that holds none: " << field);
        } else {
            FAIL("no such value for " << field);
        }
    });
    if (!found) FAIL("no member " << field);
}

template <class Op>
livemsg::checked<Op> request_for(const row& r) {
    if (const auto* j = std::get_if<json>(&r.v)) return livemsg::decode_json<Op>(with_json_field(r.what, r.field, j->text));
    auto op = livemsg::decode_json<Op>(example_json(r.what));
    REQUIRE(op.ok());
    Op value = *op;
    if constexpr (std::is_same_v<Op, livemsg::volcengine::P2PSendMessage>) {
        if (const auto* list = std::get_if<ids>(&r.v)) {
            using livemsg::volcengine::recipients;
            value.Recipients = r.field == "ReceiverUserId" ? recipients::only(*list) : recipients::all_except(*list);
            return value;
        }
    }
    set_member(value, r.field, r.v);
    return value;
}

// What a row produced: the problems, and when there are none, every byte that goes out.
struct produced {
    livemsg::validation_errors errors;
    std::string wire;
};

std::string everything_sent(const livemsg::http_request& http) {
    std::string out = http.url();
    out += '\n';
    for (const auto& h : http.headers) out += h.name + ": " + h.value + '\n';
    out += http.body;
    return out;
}

// Renders an operation's request: the errors of decode_json or render, or the wire bytes.
template <class Op, class Render>
produced render_row(const row& r, Render&& render) {
    auto op = request_for<Op>(r);
    if (!op) return {op.errors(), {}};
    livemsg::http_request http;
    auto errors = render(*op, http);
    if (!errors.empty()) return {errors, {}};
    return {{}, everything_sent(http)};
}

const auto example_time = std::chrono::sys_days{std::chrono::year{2025} / 1 / 2};

produced run_alibaba_signing(const row& r) {
    using namespace livemsg::alibaba;
    livemsg::http_request http;
    REQUIRE(render(*livemsg::decode_json<SendLiveMessageUser>(example_json(subject::user)), http).empty());
    credentials creds{"LTAI5tExampleKeyId", livemsg::secret("example-secret"), {}};
    signing_options options{example_time, "n1"};
    const std::string s = std::get<std::string>(r.v);
    if (r.field == "access_key_id") creds.access_key_id = s;
    else if (r.field == "access_key_secret") creds.access_key_secret = livemsg::secret(s);
    else if (r.field == "security_token") creds.security_token = livemsg::secret(s);
    else if (r.field == "nonce") options.nonce = s;
    else if (r.field == "host") http.host = s;
    else if (r.field == "Content-Type") http.content_type = s;
    else http.headers.add(r.field, s);
    // Both signature versions refuse the same things.
    livemsg::http_request v1 = http;
    const auto signed_v1 = sign_v1(v1, creds, options);
    const auto signed_v3 = sign_v3(http, creds, options);
    CHECK(signed_v1.errors().items() == signed_v3.errors().items());
    if (!signed_v3) return {signed_v3.errors(), {}};
    return {{}, everything_sent(http)};
}

produced run_volcengine_signing(const row& r) {
    using namespace livemsg::volcengine;
    livemsg::http_request http;
    REQUIRE(render(*livemsg::decode_json<P2PSendMessage>(example_json(subject::p2p)), http).empty());
    credentials creds{"AKLTExampleKeyId", livemsg::secret("example-secret"), {}};
    std::string region = "cn-north-1", service = "rtc";
    const std::string s = std::get<std::string>(r.v);
    if (r.field == "access_key_id") creds.access_key_id = s;
    else if (r.field == "secret_access_key") creds.secret_access_key = livemsg::secret(s);
    else if (r.field == "session_token") creds.session_token = livemsg::secret(s);
    else if (r.field == "region") region = s;
    else if (r.field == "service") service = s;
    else if (r.field == "host") http.host = s;
    else if (r.field == "Content-Type") http.content_type = s;
    else http.headers.add(r.field, s);
    const auto signed_ = sign(http, creds, {region, service}, example_time);
    if (!signed_) return {signed_.errors(), {}};
    return {{}, everything_sent(http)};
}

produced run(const row& r) {
    using namespace livemsg;
    switch (r.what) {
        case subject::user:
            return render_row<alibaba::SendLiveMessageUser>(r, [](const auto& op, http_request& h) { return alibaba::render(op, h); });
        case subject::group:
            return render_row<alibaba::SendLiveMessageGroup>(r, [](const auto& op, http_request& h) { return alibaba::render(op, h); });
        case subject::to_group:
            return render_row<alibaba::SendMessageToGroup>(r, [](const auto& op, http_request& h) { return alibaba::render(op, h); });
        case subject::text_msg: {
            const tencent::rest_caller caller{.domain = tencent::region::china, .sdkappid = 1400000000,
                                              .identifier = "admin", .usersig = tencent::user_sig(std::string("eJy"))};
            return render_row<tencent::send_text_msg>(
                r, [&](const auto& op, http_request& h) { return tencent::render(op, caller, 99999999u, h); });
        }
        case subject::caller: {
            tencent::rest_caller caller{.domain = tencent::region::china, .sdkappid = 1400000000,
                                        .identifier = "admin", .usersig = tencent::user_sig(std::string("eJy"))};
            const auto* s = std::get_if<std::string>(&r.v);
            if (r.field == "domain") caller.domain = s ? tencent::endpoint(*s) : tencent::endpoint();
            else if (r.field == "sdkappid") caller.sdkappid = std::holds_alternative<unset>(r.v) ? tencent::sdk_app_id() : tencent::sdk_app_id(std::get<std::int64_t>(r.v));
            else if (r.field == "identifier") caller.identifier = s ? nonempty_text<>(*s) : nonempty_text<>();
            else if (r.field == "usersig") caller.usersig = s ? tencent::user_sig(*s) : tencent::user_sig();
            const tencent::send_text_msg msg{.RoomId = "room1", .Sender_Account = "user1", .TextContent = "msg"};
            http_request http;
            auto errors = tencent::render(msg, caller, 99999999u, http);
            if (!errors.empty()) return {errors, {}};
            return {{}, everything_sent(http)};
        }
        case subject::p2p:
            return render_row<volcengine::P2PSendMessage>(r, [](const auto& op, http_request& h) { return volcengine::render(op, h); });
        case subject::p2p_endpoint: {
            volcengine::endpoint to = volcengine::endpoint_for(volcengine::rtc_region::cn_north_1);
            const std::string s = std::get<std::string>(r.v);
            if (r.field == "host") to.host = s;
            else to.region = s;
            const auto msg = decode_json<volcengine::P2PSendMessage>(example_json(subject::p2p));
            http_request http;
            auto errors = volcengine::render(*msg, to, http);
            if (!errors.empty()) return {errors, {}};
            return {{}, everything_sent(http)};
        }
        case subject::alibaba_signing: return run_alibaba_signing(r);
        case subject::volcengine_signing: return run_volcengine_signing(r);
    }
    FAIL("unknown subject");
    return {};
}

std::string printable(std::string_view s) {
    std::string out;
    for (char c : s) {
        const auto b = static_cast<unsigned char>(c);
        if (b >= 0x20 && b < 0x7F) out += c;
        else {
            constexpr char hex[] = "0123456789ABCDEF";
            out += "\\x";
            out += hex[b >> 4];
            out += hex[b & 0xF];
        }
    }
    return out.size() > 80 ? out.substr(0, 80) + "..." : out;
}

std::string_view name_of(subject what) {
    switch (what) {
        case subject::user: return "SendLiveMessageUser";
        case subject::group: return "SendLiveMessageGroup";
        case subject::to_group: return "SendMessageToGroup";
        case subject::text_msg: return "send_text_msg";
        case subject::caller: return "rest_caller";
        case subject::p2p: return "P2PSendMessage";
        case subject::p2p_endpoint: return "volcengine::endpoint";
        case subject::alibaba_signing: return "alibaba sign_v1/sign_v3";
        case subject::volcengine_signing: return "volcengine sign";
    }
    return "?";
}

std::string describe(const row& r) {
    std::string out = std::string(r.field) + " = ";
    std::visit([&](const auto& v) {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, unset>) out += "(missing)";
        else if constexpr (std::is_same_v<V, std::string>) out += '"' + printable(v) + "\" (" + std::to_string(v.size()) + " bytes)";
        else if constexpr (std::is_same_v<V, std::int64_t>) out += std::to_string(v);
        else if constexpr (std::is_same_v<V, ids>) out += "a list of " + std::to_string(v.size()) + " IDs";
        else out += "JSON " + printable(v.text);
    }, r.v);
    return out;
}

}  // namespace

TEST_CASE("boundary matrix: every rule of every operation, row by row", "[boundary]") {
    const std::vector<row> rows = matrix();
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const row& r = rows[i];
        INFO("row " << i << ": " << name_of(r.what) << ' ' << describe(r) << " -> "
                    << (r.code ? std::string(livemsg::to_string(*r.code)) : std::string("valid")));
        const produced out = run(r);
        if (!r.code) {
            CHECK(out.errors.report() == livemsg::validation_errors().report());  // shows them if any
            if (!r.wire.empty()) {
                INFO("on the wire: " << printable(out.wire));
                CHECK(out.wire.find(r.wire) != std::string::npos);
            }
            continue;
        }
        INFO(out.errors.report());
        CHECK(out.errors.size() == 1);
        if (out.errors.empty()) continue;
        const std::string_view at = r.at.empty() ? r.field : r.at;
        CHECK(out.errors[0].field == at);
        CHECK(out.errors[0].code == *r.code);
        CHECK(!out.errors[0].message.empty());
    }
}

}  // namespace boundary_matrix_test

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
