#include "models/demand/demand.hpp"

#include <algorithm>

namespace dccsim::models {

Demand::Demand(const ModelConfig& config, const sim::Calendar& calendar, sim::Simulation& simulation,
               RequestPool& pool, Sources& sources, Measures& measures, VarianceCells& cells,
               TrafficManagement& traffic, MultiServer& dsp, MultiServer& smki, AlertStormThrottle& alerts)
    : config_(&config),
      calendar_(&calendar),
      simulation_(&simulation),
      pool_(&pool),
      sources_(&sources),
      measures_(&measures),
      cells_(&cells),
      traffic_(&traffic),
      dsp_(&dsp),
      smki_(&smki),
      alerts_(&alerts),
      horizon_(sim::Time::zero() + config.horizon),
      source_(simulation.add_handler<&Demand::on_source>(*this)) {}

void Demand::start() {
  // Each source's first event; later ones are scheduled as each fires.
  for (std::size_t i = 0; i < sources_->all().size(); ++i)
    simulation_->schedule_at(sim::Time::zero(), source_, i);
}

void Demand::on_source(std::uint64_t index) {
  Source& s = sources_->all()[index];
  if (s.primed) {
    switch (s.type) {
      case Source::Type::sr:
        create_sr(s, false);
        break;
      case Source::Type::scheduled:
        create_sr(s, true);
        break;
      case Source::Type::csr:
        create_csr(s);
        break;
      case Source::Type::alert:
        create_alert(s);
        break;
    }
  }
  sim::Time t;
  if (sources_->next_arrival(s, t) && t < horizon_) {
    s.primed = true;
    simulation_->schedule_at(std::max(t, simulation_->now()), source_, index);
  }
}

void Demand::create_sr(Source& s, bool scheduled) {
  const sim::Time now = simulation_->now();
  const std::uint32_t r = pool_->allocate();
  Request& q = (*pool_)[r];
  const SrType& type = config_->catalogue.types[s.sr_type];
  const UserMeters& u = sources_->meters()[s.user];
  ++measures_->counts.generated;
  q.created = now;
  q.start_ref = now;
  q.stage_in = now;
  q.user = s.user;
  q.cell = scheduled ? kNil : s.cell;
  q.sr_type = s.sr_type;
  q.kind = scheduled ? RequestKind::scheduled : RequestKind::sr;
  q.attempt = 1;
  // A fixed number of draws per request whatever the branch, so streams stay aligned across policies.
  sim::RandomStream& a = s.attributes;
  q.service_ticks = to_ticks(type.dsp_service_s.sample(a));
  const double region_u = a.uniform01();
  q.region = region_u < u.region_cumulative[0] ? 0 : (region_u < u.region_cumulative[1] ? 1 : 2);
  const CspConfig& csp = config_->csps[q.region];
  const double wan = csp.wan_latency_s.sample(a);
  const double device = csp.device_latency_s.sample(a);
  const bool fails = a.uniform01() < csp.failure_probability;
  q.csp_ticks = fails ? -1 : to_ticks((wan + device) * type.csp_cost);
  q.response_ticks = to_ticks(config_->dsp.response_processing_s.sample(a));
  const double future_u = a.uniform01();
  const double jitter_u = a.uniform01();
  const double delay_s = config_->users[s.user].future_dating.delay_s.sample(a);
  const FutureDating& fd = config_->users[s.user].future_dating;
  q.future = !scheduled && type.reaches_device &&
             (s.future_only || (type.future_dated && (!type.on_demand || future_u < fd.share)));
  if (q.future) {
    if (fd.kind == FutureDating::Kind::next_midnight) {
      q.execute_at = calendar_->start_of_day(now) + sim::days(1) +
                     sim::Duration::from_ticks(
                         static_cast<std::int64_t>(jitter_u * static_cast<double>(fd.jitter.ticks())));
    } else {
      q.execute_at = now + sim::Duration::from_ticks(to_ticks(delay_s));
    }
  } else {
    q.execute_at = now;
  }
  if (!type.reaches_device) {
    q.measure = MeasureClass::non_device;
    q.target_ticks = type.target_response.ticks();
  } else if (q.future || scheduled) {
    q.measure = MeasureClass::future_dated;
    q.target_ticks =
        type.on_demand ? config_->reporting.future_dated_target.ticks() : type.target_response.ticks();
  } else {
    q.measure = MeasureClass::on_demand;
    q.target_ticks = type.target_response.ticks();
  }
  if (scheduled) {
    to_station(*dsp_, r);
  } else {
    traffic_->submit(r);
  }
}

void Demand::create_csr(Source& s) {
  const sim::Time now = simulation_->now();
  const std::uint32_t r = pool_->allocate();
  Request& q = (*pool_)[r];
  ++measures_->counts.generated;
  q.created = q.start_ref = q.stage_in = q.execute_at = now;
  q.user = s.user;
  q.cell = s.cell;
  q.sr_type = 0;
  q.region = 0;
  q.kind = RequestKind::csr;
  q.measure = MeasureClass::csr;
  q.attempt = 1;
  q.future = false;
  q.service_ticks = to_ticks(config_->smki.service_s.sample(s.attributes));
  q.csp_ticks = 0;
  q.response_ticks = to_ticks(config_->dsp.response_processing_s.sample(s.attributes));
  q.target_ticks = config_->smki.target_response.ticks();
  cells_->count(q.cell);
  to_station(*smki_, r);
}

void Demand::create_alert(Source& s) {
  const sim::Time now = simulation_->now();
  const std::uint32_t r = pool_->allocate();
  Request& q = (*pool_)[r];
  const AlertConfig& a = config_->alerts[s.region];
  ++measures_->counts.generated;
  const std::int64_t wan = to_ticks(a.wan_latency_s.sample(s.attributes));
  // The alert left the device one WAN latency before it reached the DSP.
  q.created = q.start_ref = now - sim::Duration::from_ticks(wan);
  q.stage_in = q.execute_at = now;
  q.user = kNil;
  q.cell = kNil;
  q.sr_type = 0;
  q.region = s.region;
  q.kind = RequestKind::alert;
  q.measure = MeasureClass::alerts;
  q.attempt = 1;
  q.future = false;
  q.service_ticks = to_ticks(a.dsp_service_s.sample(s.attributes));
  q.csp_ticks = 0;
  q.response_ticks = to_ticks(config_->dsp.response_processing_s.sample(s.attributes));
  q.target_ticks = config_->reporting.alert_target.ticks();
  if (!alerts_->pass(now, s.region)) {
    measures_->finish(r, Outcome::rejected_throttled);
    return;
  }
  to_station(*dsp_, r);
}

}  // namespace dccsim::models
