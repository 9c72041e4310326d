#include "tools/text_format.hpp"

#include <doctest/doctest.h>

#include <cmath>

#include "tools/json_writer.hpp"

using namespace dccsim::tools;

TEST_CASE("text_format: numbers at fixed decimals, blank when undefined, never -0") {
  CHECK(format_number(0.5, 3) == "0.500");
  CHECK(format_number(12.0, 0) == "12");
  CHECK(format_number(-1.25, 1) == "-1.2");  // round half to even, as printf does
  CHECK(format_number(-0.0004, 3) == "0.000");
  CHECK(format_number(-0.0, 0) == "0");
  CHECK(format_number(NAN, 2).empty());
  CHECK(format_number(INFINITY, 2).empty());
}

TEST_CASE("text_format: CSV fields are quoted only when they must be") {
  CHECK(csv_field("SUPPLIER_A") == "SUPPLIER_A");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("").empty());
}

TEST_CASE("text_format: thousands separators and times") {
  CHECK(group_thousands(0) == "0");
  CHECK(group_thousands(999) == "999");
  CHECK(group_thousands(1000) == "1,000");
  CHECK(group_thousands(1'209'004) == "1,209,004");
  const dccsim::sim::Calendar calendar({2018, 8, 1});
  const auto t =
      dccsim::sim::Time::zero() + dccsim::sim::days(14) + dccsim::sim::hours(18) + dccsim::sim::seconds(5);
  CHECK(iso_time(calendar, t) == "2018-08-15T18:00:05Z");
}

TEST_CASE("text_format: text tables pad columns and right-align numbers after the first column") {
  const std::string table =
      text_table({"name", "count", "note"}, {{"a", "1,234", "ok"}, {"longer", "5", "-"}});
  CHECK(table ==
        "  name   count note\n"
        "  a      1,234 ok\n"
        "  longer     5    -\n");
}

TEST_CASE("json_writer: keys in order, shortest doubles, null for undefined, escapes") {
  JsonWriter j;
  j.begin_object();
  j.key("a").value(0.1);
  j.key("b").value(NAN);
  j.key("c").begin_array().value(std::uint64_t{3}).value(std::int64_t{-4}).value(true).null().end_array();
  j.key("d").value("q\"\n");
  j.end_object();
  CHECK(j.str() == "{\"a\":0.1,\"b\":null,\"c\":[3,-4,true,null],\"d\":\"q\\\"\\n\"}\n");
}
