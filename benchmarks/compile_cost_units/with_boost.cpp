// SPDX-License-Identifier: BSL-1.0
// Compile cost baseline: the Boost headers livemsg builds on, and nothing else.
#include <boost/describe.hpp>
#include <boost/json.hpp>
