// SPDX-License-Identifier: BSL-1.0
// A field type that spans several wire keys: a choice between two lists.
#include <livemsg/core/json_reader.hpp>
#include <livemsg/core/json_writer.hpp>
#include <livemsg/core/params.hpp>
#include <livemsg/core/validate.hpp>

#include <boost/describe/class.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace flattened_test {

// Either some users are included, or some are excluded; never both.
struct audience {
    std::vector<std::int64_t> include;
    std::vector<std::int64_t> exclude;
};

}  // namespace flattened_test

// A specialization lives in the namespace of its template, so it stands outside the file's own.
template <>
struct livemsg::field_traits<flattened_test::audience> {
    using audience = flattened_test::audience;
    static constexpr bool flattened = true;
    static constexpr std::array<std::string_view, 2> keys{"Include", "Exclude"};
    static void check(const audience& a, reporter& c) {
        if (!a.include.empty() && !a.exclude.empty())
            c.at("Exclude", [&] { c.report(error_code::conflict, "cannot be set together with Include"); });
    }
    static void write_json_members(const audience& a, std::string& out, bool& first) {
        detail::append_json_key(out, first, "Include");
        field_traits<std::vector<std::int64_t>>::write_json(a.include, out);
        detail::append_json_key(out, first, "Exclude");
        field_traits<std::vector<std::int64_t>>::write_json(a.exclude, out);
    }
    template <class Emit>
    static void write_params(const audience& a, std::string_view, Emit&& emit) {
        field_traits<std::vector<std::int64_t>>::write_params(a.include, "Include", emit);
        field_traits<std::vector<std::int64_t>>::write_params(a.exclude, "Exclude", emit);
    }
    static void read_members(audience& a, const boost::json::object& o, reporter& c) {
        auto read_list = [&](std::string_view key, std::vector<std::int64_t>& list) {
            if (const auto* j = o.if_contains(key))
                c.at(key, [&] { field_traits<std::vector<std::int64_t>>::read(list, *j, c); });
        };
        read_list("Include", a.include);
        read_list("Exclude", a.exclude);
    }
};

namespace flattened_test {

namespace {

struct Message {
    livemsg::alnum_id<8> From{};
    audience To{};
    livemsg::optional<livemsg::text<8>> Note{};
};
BOOST_DESCRIBE_STRUCT(Message, (), (From, To, Note))

}  // namespace

TEST_CASE("a flattened field writes its own keys in place", "[flattened]") {
    Message m{.From = "u1", .To = {{7221856821303361536}, {}}, .Note = "hi"};
    CHECK(livemsg::to_json(m) == R"({"From":"u1","Include":[7221856821303361536],"Exclude":[],"Note":"hi"})");

    std::string form;
    livemsg::append_form(m, form);
    CHECK(form == "From=u1&Include.1=7221856821303361536&Note=hi");
}

TEST_CASE("a flattened field reports under its own keys", "[flattened]") {
    Message m{.From = std::string("u-1"), .To = {{1}, {2}}, .Note = {}};
    auto errors = livemsg::validate(m);
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].field == "From");
    CHECK(errors[1].field == "Exclude");
    CHECK(errors[1].code == livemsg::error_code::conflict);
}

TEST_CASE("a flattened field reads its keys from the parent object", "[flattened]") {
    auto ok = livemsg::decode_json<Message>(R"({"From":"u1","Include":[1,2]})");
    REQUIRE(ok.ok());
    CHECK(ok->To.include == std::vector<std::int64_t>{1, 2});
    CHECK(ok->To.exclude.empty());

    auto both = livemsg::decode_json<Message>(R"({"From":"u1","Include":[1],"Exclude":["x"]})");
    REQUIRE_FALSE(both.ok());
    REQUIRE(both.errors().size() == 1);
    CHECK(both.errors()[0].field == "Exclude[0]");
    CHECK(both.errors()[0].code == livemsg::error_code::wrong_type);

    auto conflict = livemsg::decode_json<Message>(R"({"From":"u1","Include":[1],"Exclude":[2]})");
    REQUIRE_FALSE(conflict.ok());
    CHECK(conflict.errors()[0].field == "Exclude");
    CHECK(conflict.errors()[0].code == livemsg::error_code::conflict);
}

}  // namespace flattened_test
