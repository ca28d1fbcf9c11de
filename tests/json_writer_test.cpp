// SPDX-License-Identifier: BSL-1.0
#include <livemsg/alibaba/rpc.hpp>
#include <livemsg/core/json_writer.hpp>
#include <livemsg/detail/json_syntax.hpp>

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace json_writer_test {

namespace {

enum class level { LOW, HIGH };
BOOST_DESCRIBE_ENUM(level, LOW, HIGH)

struct Inner {
    std::string Name{};
    bool On{};
};
BOOST_DESCRIBE_STRUCT(Inner, (), (Name, On))

struct Outer {
    livemsg::alnum_id<16> Id{};
    std::int64_t Seq{};
    livemsg::optional<livemsg::text<64>> Note{};
    std::vector<std::int64_t> Ids{};
    bool Flag{};
    livemsg::alibaba::data_center Region{};
    level Level{};
    Inner Child{};
    livemsg::optional<livemsg::int64> Count{};
    std::optional<bool> Maybe{};
};
BOOST_DESCRIBE_STRUCT(Outer, (), (Id, Seq, Note, Ids, Flag, Region, Level, Child, Count, Maybe))

struct Numbers {
    livemsg::int64 A{};
    std::int32_t B{};
    std::uint32_t C{};
};
BOOST_DESCRIBE_STRUCT(Numbers, (), (A, B, C))

}  // namespace

TEST_CASE("members in declaration order, absent optionals omitted", "[json_writer]") {
    Outer v;
    v.Id = "abc";
    v.Seq = 7221856821303361536;
    v.Ids = {1, std::numeric_limits<std::int64_t>::min()};
    v.Flag = true;
    v.Region = livemsg::alibaba::data_center::ap_southeast_1;
    v.Level = level::HIGH;
    v.Child.Name = "kid";
    const std::string json = livemsg::to_json(v);
    CHECK(json ==
          R"({"Id":"abc","Seq":7221856821303361536,"Ids":[1,-9223372036854775808],"Flag":true,)"
          R"("Region":"ap-southeast-1","Level":"HIGH","Child":{"Name":"kid","On":false}})");
    CHECK(livemsg::detail::is_valid_json(json));
}

TEST_CASE("present optionals are written", "[json_writer]") {
    Outer v;
    v.Id = "x";
    v.Note = "caf\xC3\xA9";
    v.Count = std::numeric_limits<std::int64_t>::max();
    v.Maybe = false;
    CHECK(livemsg::to_json(v) ==
          "{\"Id\":\"x\",\"Seq\":0,\"Note\":\"caf\xC3\xA9\",\"Ids\":[],\"Flag\":false,"
          R"("Region":"cn-shanghai","Level":"LOW","Child":{"Name":"","On":false},)"
          R"("Count":9223372036854775807,"Maybe":false})");
}

TEST_CASE("integers are written exactly", "[json_writer]") {
    Numbers n;
    n.A = std::numeric_limits<std::int64_t>::min();
    n.B = -2147483647 - 1;
    n.C = 4294967295u;
    CHECK(livemsg::to_json(n) == R"({"A":-9223372036854775808,"B":-2147483648,"C":4294967295})");
    n.A = 7221856821303361536;
    n.B = 0;
    n.C = 0;
    CHECK(livemsg::to_json(n) == R"({"A":7221856821303361536,"B":0,"C":0})");
}

TEST_CASE("strings are escaped", "[json_writer]") {
    Inner v;
    v.Name = "say \"hi\"\\\n\t\x01";
    v.On = true;
    const std::string json = livemsg::to_json(v);
    CHECK(json == R"({"Name":"say \"hi\"\\\n\t\u0001","On":true})");
    CHECK(livemsg::detail::is_valid_json(json));

    Outer o;
    o.Id = "a";
    o.Note = std::string("</\"x\">");
    CHECK(livemsg::to_json(o).find(R"("Note":"</\"x\">")") != std::string::npos);
}

TEST_CASE("vectors of integers", "[json_writer]") {
    CHECK(livemsg::to_json(std::vector<std::int64_t>{}) == "[]");
    CHECK(livemsg::to_json(std::vector<std::int64_t>{-1, 0, 9223372036854775807}) == "[-1,0,9223372036854775807]");
}

TEST_CASE("append_json appends to existing content", "[json_writer]") {
    Inner v;
    v.Name = "n";
    std::string out = "prefix:";
    livemsg::append_json(v, out);
    CHECK(out == R"(prefix:{"Name":"n","On":false})");
    out += ',';
    livemsg::append_json(v, out);
    CHECK(out == R"(prefix:{"Name":"n","On":false},{"Name":"n","On":false})");
}

}  // namespace json_writer_test
