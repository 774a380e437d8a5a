// Government names as outputs show them (ambiguous names carry their province) and finding a
// government by code or name, on the bundled 2020 registry.
#include "jobaward/cohorts/government_names.hpp"

#include <doctest/doctest.h>

#include <string>

#include "jobaward/error.hpp"
#include "jobaward/io/file_io.hpp"
#include "jobaward/io/registry_csv.hpp"
#include "test_support.hpp"

namespace jobaward {
namespace {

const Registry& Registry2020() {
  static const Registry registry = [] {
    const std::string path = test::SourcePath("cohorts/governments-2020.csv");
    return ParseRegistry(ReadTextFile(path), "cohorts/governments-2020.csv");
  }();
  return registry;
}

std::string ErrorOf(std::string_view query) {
  try {
    (void)FindGovernment(Registry2020(), query, "code");
  } catch (const InputError& e) {
    return e.diagnostics().at(0).ToString();
  }
  return "(no error)";
}

}  // namespace

TEST_SUITE("government_names") {
  TEST_CASE("province-level names shorten as Korean tables write them") {
    CHECK_EQ(ShortProvinceName("서울특별시"), "서울");
    CHECK_EQ(ShortProvinceName("울산광역시"), "울산");
    CHECK_EQ(ShortProvinceName("세종특별자치시"), "세종");
    CHECK_EQ(ShortProvinceName("제주특별자치도"), "제주");
    CHECK_EQ(ShortProvinceName("강원특별자치도"), "강원");
    CHECK_EQ(ShortProvinceName("경기도"), "경기");
    CHECK_EQ(ShortProvinceName("강원도"), "강원");
    CHECK_EQ(ShortProvinceName("충청북도"), "충북");
    CHECK_EQ(ShortProvinceName("충청남도"), "충남");
    CHECK_EQ(ShortProvinceName("전라북도"), "전북");
    CHECK_EQ(ShortProvinceName("경상남도"), "경남");
    CHECK_EQ(ShortProvinceName("구로구"), "구로구");
  }

  TEST_CASE("a name another government shares carries its province; the others do not") {
    const Registry& r = Registry2020();
    const DisplayNames names = MakeDisplayNames(r);
    auto ko = [&](const char* code) { return names.ko[*r.IndexOf(code)]; };
    auto en = [&](const char* code) { return names.en[*r.IndexOf(code)]; };
    CHECK_EQ(ko("31140"), "울산 남구");
    CHECK_EQ(ko("29155"), "광주 남구");
    CHECK_EQ(ko("11500"), "서울 강서구");
    CHECK_EQ(ko("26440"), "부산 강서구");
    CHECK_EQ(ko("42820"), "강원 고성군");
    CHECK_EQ(ko("48820"), "경남 고성군");
    CHECK_EQ(ko("11530"), "구로구");
    CHECK_EQ(ko("11000"), "서울특별시");
    CHECK_EQ(en("31140"), "Ulsan Nam-gu");
    CHECK_EQ(en("11530"), "Guro-gu");
    int carried = 0;
    for (std::size_t i = 0; i < r.size(); ++i) carried += names.ko[i] != r[i].name_ko ? 1 : 0;
    CHECK_EQ(carried, 6 + 6 + 5 + 4 + 4 + 2 + 2);  // 중구 동구 서구 남구 북구 강서구 고성군
  }

  TEST_CASE("a government is found by code, unique name, English name or name with province") {
    const Registry& r = Registry2020();
    const std::size_t guro = *r.IndexOf("11530");
    CHECK_EQ(FindGovernment(r, "11530", "code"), guro);
    CHECK_EQ(FindGovernment(r, "구로구", "code"), guro);
    CHECK_EQ(FindGovernment(r, "guro-gu", "code"), guro);
    CHECK_EQ(FindGovernment(r, "울산 남구", "code"), *r.IndexOf("31140"));
    CHECK_EQ(FindGovernment(r, "울산광역시 남구", "code"), *r.IndexOf("31140"));
  }

  TEST_CASE("an ambiguous name lists the candidates; an unknown one gets a did-you-mean") {
    CHECK_EQ(ErrorOf("고성군"),
             "cohorts/governments-2020.csv: code: '고성군' names 2 governments; give the code or "
             "the name with its province, one of: 42820 강원 고성군, 48820 경남 고성군");
    CHECK_EQ(ErrorOf("11531"),
             "cohorts/governments-2020.csv: code: no government with code or name '11531' in "
             "the registry, did you mean 11530?");
    CHECK_EQ(ErrorOf("Guro-ku"),
             "cohorts/governments-2020.csv: code: no government with code or name 'Guro-ku' in "
             "the registry, did you mean 11530 구로구?");
  }
}

}  // namespace jobaward
