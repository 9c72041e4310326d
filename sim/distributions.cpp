#include "sim/distributions.hpp"

#include <array>
#include <limits>

namespace dccsim::sim {
namespace {

bool finite_positive(double x) { return std::isfinite(x) && x > 0.0; }

constexpr double kHalfLogTwoPi = 0.918938533204672741780329736406;

// fc(k) = log k! - [log sqrt(2 pi) + (k + 1/2) log(k + 1) - (k + 1)], the Stirling tail used by
// BTRD. Exact values below 10 (the series is not accurate enough there); the series above.
double stirling_tail(double k) {
  static constexpr std::array<double, 10> kExact = {
      0.081061466795327261,  0.041340695955409297, 0.027677925684998338, 0.020790672103765093,
      0.016644691189821193,  0.013876128823070748, 0.011896709945891770, 0.010411265261972096,
      0.0092554621827127329, 0.0083305634333628708};
  if (k < 10.0) return kExact[static_cast<std::size_t>(k)];
  const double r = 1.0 / (k + 1.0);
  const double r2 = r * r;
  return (1.0 / 12.0 - (1.0 / 360.0 - (1.0 / 1260.0) * r2) * r2) * r;
}

// log P(K = k) for K ~ Poisson(mean). Written around delta = k + 1 - mean, which is exact whenever
// k + 1 is within a factor 2 of the mean (Sterbenz), so the O(delta) terms cancel without the
// O(mean * log(mean)) rounding of the textbook k*log(mean) - mean - lgamma(k + 1).
double log_poisson_pmf(double k, double mean) {
  const double delta = k + 1.0 - mean;
  return delta - k * std::log1p(delta / mean) - kHalfLogTwoPi - 0.5 * std::log(k + 1.0) - stirling_tail(k);
}

// Callers have checked 0 <= k < 2^53, so the conversion is exact.
std::uint64_t to_count(double k) { return static_cast<std::uint64_t>(k); }

}  // namespace

namespace detail {

// The ziggurat tables were computed once with 60-digit arithmetic (R solved so that the 255th
// recursion step lands exactly on f = 1) and rounded to the nearest double: literals, unlike tables
// computed with the local libm at start-up, are bit-identical with every compiler and library.
// tests/sim/distributions_test.cpp recomputes them with <cmath> and checks the equal areas.
alignas(64) const double kNormalZigguratX[kNormalLayers + 1] = {
    3.910757959524916,
    3.654152885361009,
    3.449278298561431,
    3.3202447338398255,
    3.2245750520478014,
    3.147889289518001,
    3.0835261320021434,
    3.0278377917695933,
    2.978603279881843,
    2.9343668672088876,
    2.894121053613412,
    2.8571387308732246,
    2.822877396826443,
    2.7909211740019275,
    2.760944005279986,
    2.7326853590440114,
    2.705933656123062,
    2.680514643285745,
    2.6562830375767432,
    2.6331163936315827,
    2.6109105184888235,
    2.5895759867082866,
    2.569035452681844,
    2.5492215503247833,
    2.530075232159854,
    2.5115444416266945,
    2.4935830412710467,
    2.476149939670523,
    2.459208374334705,
    2.442725318200364,
    2.4266709849371466,
    2.4110184139011195,
    2.3957431197819274,
    2.3808227951720857,
    2.366237056717291,
    2.3519672273791445,
    2.337996148796529,
    2.3243080188711325,
    2.310888250601372,
    2.2977233489028634,
    2.284800802724492,
    2.2721089902283818,
    2.2596370951737876,
    2.247375032947389,
    2.235313384929921,
    2.2234433400925107,
    2.211756642884161,
    2.2002455466112765,
    2.1889027716263607,
    2.177721467740293,
    2.1666951803543086,
    2.1558178198767375,
    2.145083634047889,
    2.134487182846017,
    2.1240233156895236,
    2.113687150686653,
    2.1034740557148774,
    2.093379631138792,
    2.0833996939983046,
    2.073530263518743,
    2.0637675478117323,
    2.0541079316506523,
    2.0445479652175313,
    2.035084353729619,
    2.025713947863854,
    2.016433734906204,
    2.0072408305605287,
    1.9981324713584196,
    1.989106007617438,
    1.9801588969004766,
    1.9712886979336592,
    1.962493064944363,
    1.9537697423846467,
    1.9451165600086784,
    1.9365314282756947,
    1.9280123340526658,
    1.9195573365931882,
    1.9111645637712533,
    1.9028322085504292,
    1.8945585256707047,
    1.8863418285367828,
    1.8781804862929958,
    1.8700729210712668,
    1.8620176053996742,
    1.8540130597602018,
    1.8460578502851854,
    1.8381505865828067,
    1.830289919682757,
    1.8224745400938858,
    1.8147031759662826,
    1.8069745913508208,
    1.7992875845497203,
    1.7916409865521625,
    1.7840336595494415,
    1.7764644955245228,
    1.7689324149112686,
    1.7614363653189102,
    1.7539753203176716,
    1.7465482782817223,
    1.7391542612859117,
    1.7317923140529632,
    1.724461502948045,
    1.717160915017823,
    1.7098896570713018,
    1.7026468547999232,
    1.6954316519345616,
    1.6882432094371953,
    1.681080704725174,
    1.673943330926125,
    1.6668302961616654,
    1.6597408228581825,
    1.652674147083056,
    1.6456295179047824,
    1.6386061967755476,
    1.6316034569348736,
    1.6246205828330347,
    1.6176568695730156,
    1.6107116223698301,
    1.6037841560260946,
    1.5968737944227882,
    1.5899798700241907,
    1.5831017233960292,
    1.5762387027359064,
    1.5693901634151237,
    1.562555467531045,
    1.5557339834691764,
    1.5489250854741734,
    1.5421281532290019,
    1.535342571441514,
    1.5285677294377125,
    1.521803020760998,
    1.5150478427767147,
    1.5083015962813116,
    1.5015636851154637,
    1.4948335157804935,
    1.4881104970574475,
    1.4813940396281873,
    1.4746835556978555,
    1.4679784586180795,
    1.4612781625102755,
    1.4545820818884103,
    1.447889631280576,
    1.441200224848724,
    1.4345132760058923,
    1.427828197030256,
    1.421144398675309,
    1.4144612897754711,
    1.407778276846399,
    1.401094763679251,
    1.394410150928141,
    1.3877238356899761,
    1.3810352110758555,
    1.3743436657731662,
    1.367648583597476,
    1.360949343033283,
    1.354245316762635,
    1.3475358711805872,
    1.340820365896404,
    1.33409815321936,
    1.3273685776279258,
    1.3206309752210563,
    1.3138846731502205,
    1.3071289890307312,
    1.3003632303308372,
    1.2935866937369478,
    1.2867986644932436,
    1.279998415713818,
    1.2731852076653563,
    1.2663582870182295,
    1.2595168860637143,
    1.2526602218948972,
    1.2457874955486272,
    1.2388978911056874,
    1.2319905747461362,
    1.2250646937565308,
    1.2181193754854815,
    1.211153726243699,
    1.2041668301443815,
    1.1971577478794415,
    1.190125515426692,
    1.1830691426826867,
    1.175987612015452,
    1.168879876730833,
    1.1617448594456115,
    1.1545814503599277,
    1.147388505420849,
    1.1401648443681514,
    1.1329092486525338,
    1.1256204592155334,
    1.118297174119345,
    1.1109380460135758,
    1.1035416794246398,
    1.0961066278520215,
    1.0886313906539797,
    1.0811144097034038,
    1.0735540657924363,
    1.0659486747621225,
    1.0582964833306752,
    1.05059566459093,
    1.042844313144149,
    1.035040439833441,
    1.0271819660356458,
    1.0192667174654841,
    1.0112924174399958,
    1.003256679544673,
    0.995156999635091,
    0.9869907470990624,
    0.9787551552942246,
    0.9704473110642244,
    0.9620641432230406,
    0.953602409881086,
    0.9450586844681654,
    0.9364293402865751,
    0.9277105334020002,
    0.9188981836495906,
    0.9099879534967185,
    0.9009752244612218,
    0.8918550707329416,
    0.8826222295851656,
    0.8732710680888608,
    0.8637955455533088,
    0.8541891710081638,
    0.8444449549091539,
    0.8345553540863822,
    0.8245122087522921,
    0.8143066701352152,
    0.8039291169899713,
    0.7933690588406233,
    0.7826150233072331,
    0.7716544242245681,
    0.7604734064301081,
    0.7490566620178153,
    0.7373872114342956,
    0.7254461409099996,
    0.7132122851909759,
    0.7006618411068151,
    0.6877678927957885,
    0.6744998228372938,
    0.6608225742444197,
    0.6466957148949938,
    0.6320722363860611,
    0.6168969900077514,
    0.6011046177559927,
    0.5846167661063794,
    0.5673382570538188,
    0.5491517023271651,
    0.5299097206615582,
    0.5094233296020918,
    0.487443966139236,
    0.46363433679088223,
    0.4375184022078717,
    0.40838913461199117,
    0.37512133287838056,
    0.33573751921442524,
    0.2861745917920725,
    0.2152418959848817,
    0.0,
};
alignas(64) const double kNormalZigguratF[kNormalLayers + 1] = {
    0.00047746776460938755,
    0.0012602859304985975,
    0.002609072746102163,
    0.0040379725933630305,
    0.005522403299250998,
    0.007050875471373227,
    0.008616582769398732,
    0.010214971439701471,
    0.01184275785790789,
    0.01349745060173988,
    0.015177088307935327,
    0.01688008315254317,
    0.018605121275724647,
    0.02035109623004452,
    0.022117062707308868,
    0.023902203305795882,
    0.025705804008548896,
    0.027527235669603085,
    0.029365939758133317,
    0.03122141719192025,
    0.03309321945857852,
    0.034980941461716084,
    0.03688421568856729,
    0.03880270740452612,
    0.04073611065594093,
    0.04268414491647444,
    0.04464655225129445,
    0.04662309490193037,
    0.04861355321586853,
    0.05061772386094777,
    0.05263541827679218,
    0.05466646132488892,
    0.0567106901062029,
    0.058767952920933765,
    0.060838108349539864,
    0.06292102443775813,
    0.06501657797124286,
    0.0671246538277885,
    0.06924514439700677,
    0.07137794905889037,
    0.07352297371398127,
    0.07568013035892708,
    0.07784933670209605,
    0.08003051581466306,
    0.08222359581320286,
    0.08442850957035337,
    0.08664519445055796,
    0.0888735920682758,
    0.09111364806637363,
    0.09336531191269087,
    0.09562853671300883,
    0.0979032790388623,
    0.10018949876880982,
    0.1024871589419351,
    0.1047962256224869,
    0.10711666777468365,
    0.10944845714681165,
    0.111791568163838,
    0.11414597782783836,
    0.11651166562561081,
    0.11888861344290999,
    0.12127680548479022,
    0.12367622820159656,
    0.12608687022018586,
    0.12850872227999954,
    0.13094177717364433,
    0.13338602969166913,
    0.13584147657125373,
    0.13830811644855073,
    0.1407859498144447,
    0.14327497897351343,
    0.14577520800599406,
    0.14828664273257455,
    0.1508092906818457,
    0.15334316106026286,
    0.15588826472447923,
    0.1584446141559243,
    0.1610122234375111,
    0.16359110823236572,
    0.16618128576448207,
    0.1687827748012115,
    0.17139559563750595,
    0.17401977008183878,
    0.176655321443735,
    0.17930227452284767,
    0.18196065559952257,
    0.18463049242679927,
    0.18731181422380028,
    0.19000465167046499,
    0.19270903690358915,
    0.19542500351413428,
    0.19815258654577514,
    0.2008918224946566,
    0.20364274931033488,
    0.20640540639788074,
    0.20917983462112502,
    0.21196607630703018,
    0.2147641752511736,
    0.21757417672433116,
    0.22039612748015197,
    0.22323007576391746,
    0.22607607132238022,
    0.22893416541468026,
    0.2318044108243386,
    0.23468686187232993,
    0.23758157443123798,
    0.24048860594050042,
    0.24340801542275015,
    0.24633986350126366,
    0.24928421241852827,
    0.25224112605594196,
    0.2552106699546617,
    0.25819291133761896,
    0.2611879191327209,
    0.2641957639972608,
    0.26721651834356114,
    0.27025025636587524,
    0.2732970540685769,
    0.2763569892956681,
    0.2794301417616378,
    0.28251659308370747,
    0.2856164268155016,
    0.28872972848218276,
    0.29185658561709504,
    0.2949970877999617,
    0.29815132669668537,
    0.30131939610080294,
    0.3045013919766498,
    0.30769741250429195,
    0.31090755812628634,
    0.3141319315963371,
    0.3173706380299135,
    0.32062378495690536,
    0.3238914823763911,
    0.32717384281360135,
    0.3304709813791634,
    0.3337830158307183,
    0.33711006663700593,
    0.3404522570445217,
    0.3438097131468506,
    0.34718256395679353,
    0.35057094148140594,
    0.3539749808000766,
    0.3573948201457803,
    0.3608306009896478,
    0.3642824681290038,
    0.3677505697790323,
    0.3712350576682393,
    0.3747360871378909,
    0.37825381724561896,
    0.38178841087339344,
    0.3853400348400771,
    0.3889088600187886,
    0.3924950614593154,
    0.39609881851583223,
    0.39972031498019706,
    0.40335973922111434,
    0.4070172843294732,
    0.41069314827018805,
    0.41438753404089096,
    0.418100649837848,
    0.4218327092294958,
    0.42558393133802186,
    0.4293545410294413,
    0.43314476911265215,
    0.4369548525479854,
    0.4407850346658038,
    0.4446355653957392,
    0.4485067015072028,
    0.4523987068618483,
    0.45631185267871616,
    0.46024641781284253,
    0.464202689048174,
    0.46818096140569326,
    0.4721815384677298,
    0.47620473271950553,
    0.4802508659090465,
    0.48432026942668294,
    0.48841328470545764,
    0.4925302636438682,
    0.4966715690524894,
    0.5008375751261485,
    0.5050286679434679,
    0.5092452459957476,
    0.5134877207473266,
    0.5177565172297559,
    0.5220520746723215,
    0.526374847171684,
    0.5307253044036616,
    0.5351039323804572,
    0.5395112342569517,
    0.5439477311900258,
    0.5484139632552655,
    0.552910490425832,
    0.5574378936187656,
    0.561996775814524,
    0.566587763256164,
    0.5712115067352528,
    0.5758686829723533,
    0.5805599961007905,
    0.5852861792633709,
    0.5900479963328256,
    0.594846243767987,
    0.5996817526191249,
    0.6045553906974674,
    0.6094680649257731,
    0.6144207238889136,
    0.6194143606058341,
    0.6244500155470262,
    0.6295287799248364,
    0.6346517992876233,
    0.6398202774530563,
    0.6450354808208221,
    0.6502987431108165,
    0.655611470579697,
    0.6609751477766629,
    0.6663913439087499,
    0.6718617198970818,
    0.6773880362187731,
    0.6829721616449944,
    0.6886160830046714,
    0.6943219161261164,
    0.7000919181365113,
    0.7059285013327539,
    0.7118342488782481,
    0.7178119326307216,
    0.7238645334686298,
    0.7299952645614758,
    0.7362075981268623,
    0.7425052963401507,
    0.7488924472191565,
    0.7553735065070958,
    0.7619533468367949,
    0.7686373157984858,
    0.7754313049811867,
    0.7823418326548021,
    0.7893761435660241,
    0.7965423304229586,
    0.8038494831709639,
    0.8113078743126559,
    0.818929191603702,
    0.826726833946221,
    0.8347162929868832,
    0.842915653112204,
    0.8513462584586777,
    0.8600336211963312,
    0.8690086880368567,
    0.8783096558089171,
    0.887984660755833,
    0.8980959218983431,
    0.9087264400521305,
    0.9199915050393467,
    0.9320600759592301,
    0.9451989534422993,
    0.9598790918001063,
    0.9771017012676713,
    1.0,
};

double standard_normal_slow(RandomStream& stream, std::size_t layer, double x) {
  if (layer == 0) {
    // The base strip is the rectangle up to R plus the tail's area folded in beyond it: a candidate
    // past R is replaced by a tail draw (Marsaglia 1964, two exponentials), keeping its sign.
    const double r = kNormalZigguratX[1];
    double t = 0.0;
    double y = 0.0;
    do {
      t = -std::log(stream.uniform01_open()) / r;
      y = -std::log(stream.uniform01_open());
    } while (y + y < t * t);
    return std::copysign(r + t, x);
  }
  // A wedge between the layer's inner and outer edges: keep x when a uniform height within the
  // layer falls under the curve, else start over with a fresh candidate (the rejection is rare, so
  // the recursion is shallow, and compilers turn it into a jump).
  const double f_outer = kNormalZigguratF[layer];
  const double f_inner = kNormalZigguratF[layer + 1];
  const double height = f_outer + (f_inner - f_outer) * stream.uniform01();
  if (height < std::exp(-0.5 * x * x)) return x;
  return standard_normal(stream);
}

}  // namespace detail

ParamResult<Exponential> Exponential::with_mean(double mean) {
  if (!finite_positive(mean)) return ParamError{"mean must be finite and > 0"};
  return Exponential(mean);
}

ParamResult<Exponential> Exponential::with_rate(double rate) {
  if (!finite_positive(rate)) return ParamError{"rate must be finite and > 0"};
  const double mean = 1.0 / rate;
  if (!std::isfinite(mean)) return ParamError{"rate is too small: 1/rate overflows"};
  return Exponential(mean);
}

ParamResult<Deterministic> Deterministic::with_value(double value) {
  if (!std::isfinite(value)) return ParamError{"value must be finite"};
  return Deterministic(value);
}

ParamResult<Uniform> Uniform::with_bounds(double low, double high) {
  if (!std::isfinite(low) || !std::isfinite(high)) return ParamError{"bounds must be finite"};
  if (!(low <= high)) return ParamError{"low must be <= high"};
  const double width = high - low;
  if (!std::isfinite(width)) return ParamError{"high - low overflows"};
  return Uniform(low, width);
}

ParamResult<Normal> Normal::with_mean_sd(double mean, double sd) {
  if (!std::isfinite(mean)) return ParamError{"mean must be finite"};
  if (!std::isfinite(sd) || sd < 0.0) return ParamError{"sd must be finite and >= 0"};
  return Normal(mean, sd);
}

ParamResult<Lognormal> Lognormal::with_mu_sigma(double mu, double sigma) {
  if (!std::isfinite(mu)) return ParamError{"mu must be finite"};
  if (!std::isfinite(sigma) || sigma < 0.0) return ParamError{"sigma must be finite and >= 0"};
  return Lognormal(mu, sigma);
}

ParamResult<Lognormal> Lognormal::with_median_sigma(double median, double sigma) {
  if (!finite_positive(median)) return ParamError{"median must be finite and > 0"};
  return with_mu_sigma(std::log(median), sigma);
}

ParamResult<Lognormal> Lognormal::with_mean_p95(double mean, double p95) {
  if (!finite_positive(mean)) return ParamError{"mean must be finite and > 0"};
  if (!finite_positive(p95)) return ParamError{"p95 must be finite and > 0"};
  // ln p95 = mu + z sigma and ln mean = mu + sigma^2/2 give sigma^2/2 - z sigma + L = 0 with
  // L = ln(p95/mean). For 0 <= L <= z^2/2 the smaller root z - sqrt(z^2 - 2L) lies in [0, z]. For
  // L < 0 the only positive root exceeds 2z (median below mean * e^-5.4): taken as a mistake.
  const double log_ratio = std::log(p95) - std::log(mean);
  if (log_ratio < 0.0) return ParamError{"p95 must be >= mean"};
  const double discriminant = kZ95 * kZ95 - 2.0 * log_ratio;
  if (discriminant < 0.0) return ParamError{"p95 must be <= mean * exp(z95^2 / 2), about 3.87 * mean"};
  // The smaller root rationalised, which avoids cancellation when L is small.
  const double sigma = 2.0 * log_ratio / (kZ95 + std::sqrt(discriminant));
  return Lognormal(std::log(mean) - 0.5 * sigma * sigma, sigma);
}

ParamResult<Gamma> Gamma::with_shape_scale(double shape, double scale) {
  if (!finite_positive(shape)) return ParamError{"shape must be finite and > 0"};
  if (!finite_positive(scale)) return ParamError{"scale must be finite and > 0"};
  return Gamma(shape, scale);
}

Gamma::Gamma(double shape, double scale)
    : shape_(shape),
      scale_(scale),
      d_((shape < 1.0 ? shape + 1.0 : shape) - 1.0 / 3.0),
      c_(1.0 / std::sqrt(9.0 * d_)),
      inv_shape_(1.0 / shape),
      boosted_(shape < 1.0) {}

double Gamma::sample(RandomStream& stream) const {
  for (;;) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = standard_normal(stream);
      v = 1.0 + c_ * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = stream.uniform01_open();
    const double x2 = x * x;
    // The squeeze settles most candidates without a log.
    if (u < 1.0 - 0.0331 * x2 * x2 || std::log(u) < 0.5 * x2 + d_ * (1.0 - v + std::log(v))) {
      double draw = d_ * v;
      // Marsaglia-Tsang needs k >= 1: Gamma(k) = Gamma(k + 1) * U^(1/k) covers k < 1.
      if (boosted_) draw *= std::exp(std::log(stream.uniform01_open()) * inv_shape_);
      return draw * scale_;
    }
  }
}

ParamResult<Erlang> Erlang::with_shape_mean(std::uint32_t shape, double mean) {
  if (shape < 1) return ParamError{"shape must be >= 1"};
  if (!finite_positive(mean)) return ParamError{"mean must be finite and > 0"};
  const double phase_mean = mean / shape;
  auto gamma = Gamma::with_shape_scale(shape, phase_mean);
  if (!gamma) return ParamError{"mean / shape underflows"};
  return Erlang(shape, phase_mean, *gamma);
}

ParamResult<AliasTable> AliasTable::from_weights(std::span<const double> weights) {
  if (weights.empty()) return ParamError{"weights must not be empty"};
  double sum = 0.0;
  for (const double w : weights) {
    if (!std::isfinite(w) || w < 0.0) return ParamError{"weights must be finite and >= 0"};
    sum += w;
  }
  if (!finite_positive(sum)) return ParamError{"weights must have a finite sum > 0"};

  // Vose: columns below the average probability ("small") are topped up from one above it.
  const std::size_t n = weights.size();
  const auto count = static_cast<double>(n);
  std::vector<double> scaled(n);
  std::vector<std::size_t> small;
  std::vector<std::size_t> large;
  small.reserve(n);
  large.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = weights[i] / sum * count;
    (scaled[i] < 1.0 ? small : large).push_back(i);
  }
  std::vector<Entry> entries(n);
  // A column kept with probability one aliases itself, so a low word of 2^64 - 1 (which fails
  // the threshold test) still lands on it.
  for (std::size_t i = 0; i < n; ++i) entries[i] = Entry{std::numeric_limits<std::uint64_t>::max(), i};
  while (!small.empty() && !large.empty()) {
    const std::size_t lo = small.back();
    small.pop_back();
    const std::size_t hi = large.back();
    large.pop_back();
    entries[lo] = Entry{static_cast<std::uint64_t>(scaled[lo] * 0x1.0p64), hi};
    // Vose's order of operations: it loses less to rounding than scaled[hi] - (1 - scaled[lo]).
    scaled[hi] = (scaled[hi] + scaled[lo]) - 1.0;
    (scaled[hi] < 1.0 ? small : large).push_back(hi);
  }
  // Whatever is left over is 1 up to rounding and keeps the self-alias set above.
  return AliasTable(std::move(entries));
}

ParamResult<EmpiricalDiscrete> EmpiricalDiscrete::from_weights(std::span<const double> values,
                                                               std::span<const double> weights) {
  if (values.size() != weights.size()) return ParamError{"values and weights must have the same length"};
  for (const double v : values) {
    if (!std::isfinite(v)) return ParamError{"values must be finite"};
  }
  auto table = AliasTable::from_weights(weights);
  if (!table) return ParamError{table.error()};
  double weighted = 0.0;
  double sum = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    weighted += values[i] * weights[i];
    sum += weights[i];
  }
  return EmpiricalDiscrete(std::vector<double>(values.begin(), values.end()), std::move(table).value(),
                           weighted / sum);
}

ParamResult<EmpiricalContinuous> EmpiricalContinuous::from_cdf(std::span<const double> values,
                                                               std::span<const double> cumulative) {
  if (values.size() != cumulative.size()) {
    return ParamError{"values and cumulative probabilities must have the same length"};
  }
  if (values.size() < 2) return ParamError{"at least two points are needed"};
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) return ParamError{"values must be finite"};
    if (!(cumulative[i] >= 0.0 && cumulative[i] <= 1.0)) {
      return ParamError{"cumulative probabilities must lie in [0, 1]"};
    }
    if (i > 0 && values[i] < values[i - 1]) return ParamError{"values must be non-decreasing"};
    if (i > 0 && cumulative[i] < cumulative[i - 1]) {
      return ParamError{"cumulative probabilities must be non-decreasing"};
    }
  }
  if (cumulative.front() != 0.0) return ParamError{"the first cumulative probability must be 0"};
  if (cumulative.back() != 1.0) return ParamError{"the last cumulative probability must be 1"};
  double mean = 0.0;
  for (std::size_t i = 1; i < values.size(); ++i) {
    mean += (cumulative[i] - cumulative[i - 1]) * 0.5 * (values[i - 1] + values[i]);
  }
  return EmpiricalContinuous(std::vector<double>(values.begin(), values.end()),
                             std::vector<double>(cumulative.begin(), cumulative.end()), mean);
}

ParamResult<Bernoulli> Bernoulli::with_probability(double p) {
  if (!(p >= 0.0 && p <= 1.0)) return ParamError{"p must lie in [0, 1]"};
  return Bernoulli(p);
}

ParamResult<Poisson> Poisson::with_mean(double mean) {
  if (!(mean >= 0.0 && mean <= kMaxMean)) return ParamError{"mean must lie in [0, 1e12]"};
  return Poisson(mean);
}

Poisson::Poisson(double mean) : mean_(mean) {
  if (mean < kInversionLimit) {
    exp_neg_mean_ = std::exp(-mean);
    return;
  }
  b_ = 0.931 + 2.53 * std::sqrt(mean);
  a_ = -0.059 + 0.02483 * b_;
  log_alpha_ = std::log(1.1239 + 1.1328 / (b_ - 3.4));
  v_r_ = 0.9277 - 3.6224 / (b_ - 2.0);
}

std::uint64_t Poisson::sample_ptrs(RandomStream& stream) const {
  for (;;) {
    const double u = stream.uniform01() - 0.5;
    const double v = stream.uniform01();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a_ / us + b_) * u + mean_ + 0.43);
    if (us >= 0.07 && v <= v_r_) return to_count(k);
    // !(k >= 0) also rejects the -inf of us == 0.
    if (!(k >= 0.0) || (us < 0.013 && v > us)) continue;
    if (std::log(v) + log_alpha_ - std::log(a_ / (us * us) + b_) <= log_poisson_pmf(k, mean_)) {
      return to_count(k);
    }
  }
}

ParamResult<Binomial> Binomial::with_trials(std::uint64_t n, double p) {
  if (n > kMaxTrials) return ParamError{"n must be <= 1e12"};
  if (!(p >= 0.0 && p <= 1.0)) return ParamError{"p must lie in [0, 1]"};
  return Binomial(n, p);
}

Binomial::Binomial(std::uint64_t n, double p)
    : n_(n), p_(p), flipped_(p > 0.5), use_btrd_(false), odds_(0.0), ratio_numerator_(0.0) {
  const double q = flipped_ ? 1.0 - p : p;
  const auto trials = static_cast<double>(n);
  odds_ = q / (1.0 - q);
  ratio_numerator_ = (trials + 1.0) * odds_;
  use_btrd_ = trials * q >= kInversionLimit;
  if (!use_btrd_) {
    // log1p keeps (1 - q)^n accurate for n in the billions.
    q_pow_n_ = std::exp(trials * std::log1p(-q));
    return;
  }
  npq_ = trials * q * (1.0 - q);
  const double sqrt_npq = std::sqrt(npq_);
  b_ = 1.15 + 2.53 * sqrt_npq;
  a_ = -0.0873 + 0.0248 * b_ + 0.01 * q;
  c_ = trials * q + 0.5;
  alpha_ = (2.83 + 5.1 / b_) * sqrt_npq;
  v_r_ = 0.92 - 4.2 / b_;
  u_r_v_r_ = 0.86 * v_r_;
  mode_ = std::floor((trials + 1.0) * q);
  h_ = (mode_ + 0.5) * std::log((mode_ + 1.0) / (odds_ * (trials - mode_ + 1.0))) + stirling_tail(mode_) +
       stirling_tail(trials - mode_);
}

std::uint64_t Binomial::sample_btrd(RandomStream& stream) const {
  const auto trials = static_cast<double>(n_);
  for (;;) {
    double v = stream.uniform01();
    double u = 0.0;
    // Step 1: the central box, where the hat is the density; about 86% of draws stop here.
    if (v <= u_r_v_r_) {
      u = v / v_r_ - 0.43;
      return to_count(std::floor((2.0 * a_ / (0.5 - std::fabs(u)) + b_) * u + c_));
    }
    // Step 2: a fresh u outside the box, or u reflected from v's position inside it.
    if (v >= v_r_) {
      u = stream.uniform01() - 0.5;
    } else {
      u = v / v_r_ - 0.93;
      u = (u < 0.0 ? -0.5 : 0.5) - u;
      v = stream.uniform01() * v_r_;
    }
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2.0 * a_ / us + b_) * u + c_);
    if (!(k >= 0.0 && k <= trials)) continue;
    v = v * alpha_ / (a_ / (us * us) + b_);
    const double distance = std::fabs(k - mode_);
    if (distance <= 15.0) {
      // Step 3.1: pmf(k) / pmf(mode) by the recurrence, cheaper than logs this close to the mode.
      const std::uint64_t count = to_count(k);
      const std::uint64_t mode = to_count(mode_);
      double f = 1.0;
      for (std::uint64_t i = mode + 1; i <= count; ++i) {
        f *= ratio_numerator_ / static_cast<double>(i) - odds_;
      }
      for (std::uint64_t i = count + 1; i <= mode; ++i) {
        v *= ratio_numerator_ / static_cast<double>(i) - odds_;
      }
      if (v <= f) return count;
      continue;
    }
    // Step 3.2: squeeze on log(pmf(k) / pmf(mode)) by its normal approximation.
    v = std::log(v);
    const double rho = (distance / npq_) * (((distance / 3.0 + 0.625) * distance + 1.0 / 6.0) / npq_ + 0.5);
    const double t = -distance * distance / (2.0 * npq_);
    if (v < t - rho) return to_count(k);
    if (v > t + rho) continue;
    // Step 3.3-3.4: the exact log ratio, Stirling tails included; log1p as n may be huge.
    const double nk = trials - k + 1.0;
    const double log_ratio = h_ + (trials + 1.0) * std::log1p((k - mode_) / nk) +
                             (k + 0.5) * std::log(nk * odds_ / (k + 1.0)) - stirling_tail(k) -
                             stirling_tail(trials - k);
    if (v <= log_ratio) return to_count(k);
  }
}

}  // namespace dccsim::sim
