// SPDX-License-Identifier: BSL-1.0
// expect: every member of a request must have a type that carries its rule
#include <livemsg/core/text.hpp>
#include <livemsg/core/validate.hpp>

#include <boost/describe/class.hpp>

#include <string>

struct Request {
    livemsg::alnum_id<64> UserId{};
#ifdef LIVEMSG_COMPILE_FAIL
    std::string Note{};  // a plain string says nothing of what it accepts
#else
    livemsg::text<128> Note{};
#endif
};
BOOST_DESCRIBE_STRUCT(Request, (), (UserId, Note))

int main() {
    Request r{.UserId = "u1", .Note = {}};
    return livemsg::validate(r).empty() ? 0 : 1;
}
