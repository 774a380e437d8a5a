// libFuzzer harness: the CSV reader (ParseCsv on libcsv, with UTF-8 and field-count checks).
#include "fuzz_support.hpp"
#include "jobaward/io/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return jobaward::fuzz::Exercise([&] {
    const jobaward::CsvTable table =
        jobaward::ParseCsv(jobaward::fuzz::AsText(data, size), "f.csv");
    for (const auto& row : table.rows) {
      if (row.fields.size() != table.header.size()) throw jobaward::InternalError("ragged row");
      for (const auto& field : row.fields) (void)jobaward::ParseFiniteNumber(field);
    }
  });
}
