// Compile cost baseline: the Boost headers livemsg builds on, and nothing else.
#include <boost/describe.hpp>
#include <boost/json.hpp>
