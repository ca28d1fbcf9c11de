// SPDX-License-Identifier: BSL-1.0
// read_events: a body read straight from basic_parser's events into a value, by the event
// readers of event_reader.hpp; the fast path of read_json (json_reader.hpp).
#pragma once

#include <livemsg/core/event_reader.hpp>
#include <livemsg/detail/json_spans.hpp>

#include <boost/json/array.hpp>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace livemsg::detail {

// The parser's handler: a stack of the objects and arrays being read, and where the next value
// goes. Returning false stops the parser; `gave_up` then tells it was the reader.
class event_handler {
public:
    static constexpr std::size_t max_object_size = boost::json::object::max_size();
    static constexpr std::size_t max_array_size = boost::json::array::max_size();
    static constexpr std::size_t max_key_size = boost::json::string::max_size();
    static constexpr std::size_t max_string_size = boost::json::string::max_size();

    using error_code = boost::json::error_code;

    // `body`: the text parsed, where a raw reader's value is found.
    event_handler(const event_reader& root, void* target, std::string_view body) noexcept
        : pending_{&root, target}, body_(body) {}

    bool gave_up = false;

    bool on_document_begin(error_code&) noexcept { return true; }
    bool on_document_end(error_code&) noexcept { return true; }

    bool on_object_begin(error_code& ec) { return open(true, ec); }
    bool on_array_begin(error_code& ec) { return open(false, ec); }
    bool on_object_end(std::size_t, error_code& ec) { return close(ec); }
    bool on_array_end(std::size_t, error_code& ec) { return close(ec); }

    bool on_key_part(std::string_view s, std::size_t, error_code&) {
        partial_.append(s);
        return true;
    }
    bool on_key(std::string_view s, std::size_t, error_code& ec) {
        if (skip_depth_ != 0) return true;
        if (!partial_.empty()) {
            partial_.append(s);
            s = partial_;
        }
        // A raw member's value follows its key's closing quote; a key that came in parts or
        // through escapes is not the body's own bytes, and a raw value after it is left to the DOM.
        const bool in_body = partial_.empty() && !std::less<>{}(s.data(), body_.data()) &&
                             !std::less<>{}(body_.data() + body_.size(), s.data() + s.size());
        raw_from_ = in_body ? static_cast<std::size_t>(s.data() + s.size() - body_.data()) + 1 : no_position;
        const bool ok = choose_member(s);
        partial_.clear();
        return ok || give_up(ec);
    }

    bool on_string_part(std::string_view s, std::size_t, error_code&) {
        partial_.append(s);
        return true;
    }
    bool on_string(std::string_view s, std::size_t, error_code& ec) {
        if (!partial_.empty()) {
            partial_.append(s);
            s = partial_;
        }
        const bool ok = scalar({boost::json::kind::string, s}, ec);
        partial_.clear();
        return ok;
    }

    bool on_number_part(std::string_view, error_code&) noexcept { return true; }
    bool on_int64(std::int64_t i, std::string_view, error_code& ec) {
        return scalar({boost::json::kind::int64, {}, i}, ec);
    }
    bool on_uint64(std::uint64_t u, std::string_view, error_code& ec) {
        return scalar({boost::json::kind::uint64, {}, 0, u}, ec);
    }
    bool on_double(double, std::string_view, error_code& ec) { return scalar({boost::json::kind::double_}, ec); }
    bool on_bool(bool b, error_code& ec) { return scalar({boost::json::kind::bool_, {}, 0, 0, b}, ec); }
    bool on_null(error_code& ec) { return scalar({boost::json::kind::null}, ec); }
    bool on_comment_part(std::string_view, error_code&) noexcept { return true; }
    bool on_comment(std::string_view, error_code&) noexcept { return true; }

private:
    // Where the next value goes: the member just named, or a new element of the open array.
    struct slot {
        const event_reader* reader;  // null: an unknown member's value, ignored
        void* target;
        bool element = false;  // of an array
    };

    static constexpr std::size_t no_position = std::string_view::npos;

    struct frame {
        const struct_layout* object;  // null for an array
        const array_layout* array;
        void* target;
        std::uint64_t seen;
        std::size_t next_member;  // where the member lookup starts: bodies list them in order
    };

    bool give_up(error_code& ec) {
        gave_up = true;
        ec = boost::json::error::exception;  // any code: read_events looks at gave_up
        return false;
    }

    slot next_slot() {
        if (depth_ != 0 && frames_[depth_ - 1].array) {
            const frame& f = frames_[depth_ - 1];
            return {f.array->element, f.array->append(f.target), true};
        }
        return pending_;
    }

    // Gives a raw reader its value's bytes: after the member's key (or at the top of the body).
    // An element of an array has no key to find it by, so it is left to the DOM reader. The
    // value's end is found in bytes the parser has yet to check; when they are not JSON, the
    // parser fails and the value is not kept.
    bool take_raw(const slot& s, error_code& ec) {
        if (s.element || raw_from_ == no_position) return give_up(ec);
        const json_spans spans{body_};
        std::size_t at = spans.skip_space(raw_from_);
        if (depth_ != 0) {
            if (at >= body_.size() || body_[at] != ':') return give_up(ec);
            at = spans.skip_space(at + 1);
        }
        return s.reader->raw(s.target, body_.substr(at, spans.end_of_value(at) - at)) || give_up(ec);
    }

    bool scalar(const json_scalar& value, error_code& ec) {
        if (skip_depth_ != 0) return true;
        const slot s = next_slot();
        if (!s.reader) return true;
        if (s.reader->raw) return take_raw(s, ec);
        return s.reader->scalar(s.target, value) || give_up(ec);
    }

    bool open(bool object, error_code& ec) {
        if (skip_depth_ != 0) {
            ++skip_depth_;
            return true;
        }
        const slot s = next_slot();
        if (s.reader && s.reader->raw && !take_raw(s, ec)) return false;
        if (!s.reader || s.reader->raw) {  // its events are not read
            skip_depth_ = 1;
            return true;
        }
        if (depth_ == frames_.size()) return give_up(ec);
        auto open_fn = object ? s.reader->open_object : s.reader->open_array;
        if (!open_fn) return give_up(ec);
        frames_[depth_++] = {object ? s.reader->object : nullptr, object ? nullptr : s.reader->array,
                             open_fn(s.target), 0, 0};
        return true;
    }

    bool close(error_code& ec) {
        if (skip_depth_ != 0) {
            --skip_depth_;
            return true;
        }
        const frame& f = frames_[--depth_];
        return !f.object || (f.object->required & ~f.seen) == 0 || give_up(ec);
    }

    // A member named twice is left to the DOM reader, which keeps the last one.
    bool choose_member(std::string_view key) {
        frame& f = frames_[depth_ - 1];
        const std::size_t count = f.object->count;
        for (std::size_t n = 0, i = f.next_member; n < count; ++n, i = i + 1 == count ? 0 : i + 1) {
            const member_entry& m = f.object->members[i];
            if (m.name != key) continue;
            const std::uint64_t bit = std::uint64_t{1} << i;
            if (f.seen & bit) return false;
            f.seen |= bit;
            f.next_member = i + 1 == count ? 0 : i + 1;
            pending_ = {m.reader, m.locate(f.target)};
            return true;
        }
        pending_ = {nullptr, nullptr};
        return true;
    }

    slot pending_;
    std::string_view body_;
    std::size_t raw_from_ = 0;  // where the pending value's text is looked for: the body's start, or after a key
    std::size_t skip_depth_ = 0;  // nesting inside an ignored value
    std::size_t depth_ = 0;
    std::array<frame, 32> frames_;  // the parser refuses deeper nesting (parse_options::max_depth)
    std::string partial_;  // a string or key the parser hands over in parts
};

// Reads `body` into `value` when it reads without a single problem; false otherwise, leaving
// `value` partly read.
template <event_readable T>
bool read_events(std::string_view body, T& value) {
    boost::json::basic_parser<event_handler> parser(boost::json::parse_options{}, events_of<T>::reader, &value, body);
    boost::json::error_code ec;
    const std::size_t used = parser.write_some(false, body.data(), body.size(), ec);
    return !ec && !parser.handler().gave_up && used == body.size();
}

}  // namespace livemsg::detail
