/* plt-kpi.h — the KPI engine: figures per queue, team and agent, from contact records and agent intervals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-records.h"

G_BEGIN_DECLS

/*
 * Every definition is in docs/kpis.md. In short:
 *
 * - Figures come from the facts only: PltContactRecord (one per queue
 *   entry) and PltAgentInterval (one per stretch of constant agent state).
 *   The same functions serve the router (live pushes, kpi.query) and the
 *   console.
 * - A queue's contact figures belong to the interval of the contact's
 *   *enqueue* time (what became of the contacts offered then); an agent's
 *   and a team's contact figures to the interval in which the agent
 *   *answered*; time figures (occupancy, utilisation, adherence) are the
 *   time itself, cut at the interval bounds.
 * - Means are true means (sums over counts), never moving averages.
 *
 * Three ways to compute:
 *   plt_kpi_counters_add_*()  the contribution of one record (pure);
 *   PltKpiReport              any period, whole or per interval (e.g. 15 min),
 *                             from records fed one by one (pure, streaming);
 *   PltKpiLive                today and a rolling window, kept up to date
 *                             as records change (incremental).
 */

typedef enum
{
  PLT_KPI_SCOPE_QUEUE,
  PLT_KPI_SCOPE_TEAM,
  PLT_KPI_SCOPE_AGENT,
} PltKpiScope;

/**
 * PltSlVariant:
 * @PLT_SL_ANSWERED_ONLY: ans(≤T) / ans
 * @PLT_SL_ABANDONS_MET: (ans(≤T) + ab(≤T)) / (ans + ab): callers who hang
 *   up within T count as met
 * @PLT_SL_ABANDONS_MISSED: ans(≤T) / (ans + ab): every abandon is a miss
 * @PLT_SL_SHORT_EXCLUDED: ans(≤T) / (ans + ab − ab(<S)): abandons are
 *   misses, except short ones (wait < S), which do not count at all
 * @PLT_SL_ABANDONS_AFTER_T: ans(≤T) / (ans + ab(>T)): only callers who
 *   waited past T and then hung up count as misses
 *
 * How a queue's service level treats abandoned calls, declared per queue.
 */
typedef enum
{
  PLT_SL_ANSWERED_ONLY,
  PLT_SL_ABANDONS_MET,
  PLT_SL_ABANDONS_MISSED,
  PLT_SL_SHORT_EXCLUDED,
  PLT_SL_ABANDONS_AFTER_T,
} PltSlVariant;

#define PLT_SL_N_VARIANTS 5

/* "queue", "team", "agent"; from_string returns FALSE for other text. */
const char *plt_kpi_scope_to_string      (PltKpiScope    scope);
gboolean    plt_kpi_scope_from_string    (const char    *str,
                                          PltKpiScope   *scope);
/* "answered_only", "abandons_met", "abandons_missed",
 * "short_abandons_excluded", "abandons_after_t". */
const char *plt_sl_variant_to_string     (PltSlVariant   variant);
gboolean    plt_sl_variant_from_string   (const char    *str,
                                          PltSlVariant  *variant);

/**
 * PltKpiSettings:
 * @sl_variant: how abandons count in the service level
 * @sl_threshold_s: T, in seconds (0–86 400): answered within T means
 *   wait ≤ T (with T = 0, answered at once: 1 − SL is then P(wait))
 * @short_abandon_s: S, in seconds: an abandon with wait < S is short
 * @day_reset_min: when "today" begins, in minutes after local midnight
 *   (0–1439)
 * @time_zone: (nullable): the IANA time zone of the day, e.g.
 *   "Europe/Paris"; NULL for UTC
 *
 * A queue's KPI settings (the defaults apply to teams and agents, and to
 * queues without settings of their own).
 */
typedef struct
{
  PltSlVariant  sl_variant;
  guint         sl_threshold_s;
  guint         short_abandon_s;
  guint         day_reset_min;
  const char   *time_zone;
} PltKpiSettings;

/**
 * PltKpiCounters:
 *
 * Additive sums from which every figure derives (plt_kpi_values_compute()).
 * All are sums but @longest_wait_ms, a maximum. Times in ms.
 *
 * Contacts (see the attribution above): @offered every entry; @answered
 * those an agent answered; @abandoned those whose caller hung up; of these,
 * @sl_answered and @sl_abandoned the ones that count in the service level
 * (not outbound), @answered_in_t with wait ≤ T, @abandoned_in_t (wait ≤ T),
 * @abandoned_short (wait < S); @overflowed,
 * @callbacks (left asking to be called back), @transferred (answered, then
 * transferred out); @rona the ring-no-answers they met; @wait_answered_ms
 * the sum of the waits of answered contacts; @longest_wait_ms the longest
 * wait, answered, abandoned or still waiting; @handled the answered
 * contacts whose wrap-up is over, with their @talk_ms, @hold_ms and
 * @wrap_ms. Outbound entries count in offered, answered and abandoned but
 * never in waits or the service level.
 *
 * Agent time: @logged_in_ms (status not logged out), @available_ms
 * (available and idle), @contact_ms (ringing, on call, on hold or in
 * wrap-up: time given to contacts), @paused_ms (paused, not on a contact),
 * @other_ms (busy outside the queues), @missed_ms (in the missed state),
 * @missed_count (times the agent entered it: their RONAs).
 *
 * Adherence (only with a plan, plt_kpi_config_set_plan_func()):
 * @scheduled_ms planned working time (work and pauses), @adherent_ms the
 * part of it spent in the planned state, @scheduled_work_ms planned time on
 * queues, @on_queue_ms time actually available for contacts (status
 * available) while a plan existed.
 */
typedef struct
{
  gint64 offered;
  gint64 answered;
  gint64 abandoned;
  gint64 sl_answered;
  gint64 sl_abandoned;
  gint64 answered_in_t;
  gint64 abandoned_in_t;
  gint64 abandoned_short;
  gint64 overflowed;
  gint64 callbacks;
  gint64 transferred;
  gint64 rona;
  gint64 wait_answered_ms;
  gint64 longest_wait_ms;
  gint64 handled;
  gint64 talk_ms;
  gint64 hold_ms;
  gint64 wrap_ms;

  gint64 logged_in_ms;
  gint64 available_ms;
  gint64 contact_ms;
  gint64 paused_ms;
  gint64 other_ms;
  gint64 missed_ms;
  gint64 missed_count;

  gint64 scheduled_ms;
  gint64 adherent_ms;
  gint64 scheduled_work_ms;
  gint64 on_queue_ms;
} PltKpiCounters;

/**
 * PltKpiValues:
 *
 * The figures shown. Ratios and means are NaN when undefined (nothing to
 * divide by): shown as "—", sent as null.
 *
 * @service_level: per the queue's variant (for teams and agents: of the
 *   contacts they answered, answered-only, each against its queue's T);
 * @abandon_rate: (ab − ab(<S)) / (offered − ab(<S));
 * @asa_s: Σ wait / answered, answered contacts;
 * @longest_wait_s: the longest wait (0 when nobody waited);
 * @aht_s = @talk_s + @hold_s + @wrap_s, means per handled contact;
 * @occupancy: contact / (contact + available);
 * @utilisation: contact / logged in;
 * @adherence: adherent / scheduled; @conformance: on queue / scheduled work;
 * @ewt_s: the estimated wait of a contact joining the queue now
 *   (plt_kpi_ewt(); live queue figures only, NaN elsewhere).
 */
typedef struct
{
  gint64 offered;
  gint64 answered;
  gint64 answered_in_t;
  gint64 abandoned;
  gint64 abandoned_short;
  gint64 overflowed;
  gint64 callbacks;
  gint64 transferred;
  gint64 rona;
  gint64 handled;
  double service_level;
  double abandon_rate;
  double asa_s;
  double longest_wait_s;
  double aht_s;
  double talk_s;
  double hold_s;
  double wrap_s;
  double occupancy;
  double utilisation;
  double logged_in_s;
  double available_s;
  double contact_s;
  double paused_s;
  double adherence;
  double conformance;
  double ewt_s;
} PltKpiValues;

/* Adds (@sign = +1) or takes back (−1) the contribution of @record, whose
 * queue's T and S are in @queue_settings: to its queue (@scope QUEUE:
 * every contact figure) or to the agent who answered it (AGENT or TEAM:
 * answered, waits, handle times, transfers; nothing if not answered).
 * Waiting contacts add their offer; their wait so far counts in the
 * longest wait only through @now (0: not at all). Taking back never lowers
 * longest_wait_ms: a contact's wait does not change once it is answered
 * or abandoned. */
void     plt_kpi_counters_add_contact  (PltKpiCounters          *counters,
                                        PltKpiScope              scope,
                                        const PltContactRecord  *record,
                                        const PltKpiSettings    *queue_settings,
                                        gint64                   now,
                                        int                      sign);
/* Adds (or takes back) the part of @interval within [@from, @to); an open
 * interval (end 0) is taken to end at @to. Also counts @missed_count when
 * the interval is a missed one starting in [@from, @to) and @previous (the
 * agent's interval before it, nullable) was not missed. */
void     plt_kpi_counters_add_interval (PltKpiCounters          *counters,
                                        const PltAgentInterval  *interval,
                                        const PltAgentInterval  *previous,
                                        gint64                   from,
                                        gint64                   to,
                                        int                      sign);
void     plt_kpi_counters_merge        (PltKpiCounters          *counters,
                                        const PltKpiCounters    *other);
void     plt_kpi_values_compute        (PltKpiValues            *values,
                                        const PltKpiCounters    *counters,
                                        PltSlVariant             variant);
/* Counts and sums 0, every ratio and mean undefined (NaN). */
void     plt_kpi_values_init           (PltKpiValues            *values);
/* Field by field; two NaN are equal. */
gboolean plt_kpi_values_equal          (const PltKpiValues      *a,
                                        const PltKpiValues      *b);

/* The estimated wait of a contact joining a queue now, position-based
 * (docs/kpis.md, "EWT"): with @waiting contacts ahead, @idle agents free
 * and @staffed agents serving the queue (idle, on a contact or in
 * wrap-up), and a mean handle time @aht_s:
 *   0 if waiting < idle, else (waiting − idle + 1) × AHT / staffed.
 * NaN when nobody is staffed or the AHT is unknown. */
double   plt_kpi_ewt                   (guint                    waiting,
                                        guint                    idle,
                                        guint                    staffed,
                                        double                   aht_s);

/* ------------------------------------------------------------------------
 * Adherence hook: a planning tells what each agent should be doing.
 */

typedef enum
{
  PLT_KPI_PLAN_WORK,   /* on queues: adherent while status is available */
  PLT_KPI_PLAN_PAUSE,  /* a break, lunch, training…: adherent while paused
                        * (with the planned reason, when one is given) */
  PLT_KPI_PLAN_OFF,    /* not working: not part of the scheduled time */
} PltKpiPlanKind;

typedef struct
{
  gint64          start;
  gint64          end;
  PltKpiPlanKind  kind;
  const char     *reason;  /* nullable: for PAUSE, the reason code expected */
} PltKpiPlanSegment;

/* Appends to @segments (of PltKpiPlanSegment, strings owned by the
 * planning and valid until the next call) @agent's planned activities that
 * overlap [@from, @to), in time order. Returns FALSE when the agent has no
 * plan then: adherence stays undefined. */
typedef gboolean (*PltKpiPlanFunc) (const char *agent,
                                    gint64      from,
                                    gint64      to,
                                    GArray     *segments,
                                    gpointer    user_data);

/* ------------------------------------------------------------------------
 * Configuration: settings per queue, teams of agents, the plan.
 */

typedef struct _PltKpiConfig PltKpiConfig;

PltKpiConfig *plt_kpi_config_new              (void);
PltKpiConfig *plt_kpi_config_ref              (PltKpiConfig          *self);
void          plt_kpi_config_unref            (PltKpiConfig          *self);
/* Settings for teams, agents and queues without their own. Until set:
 * abandons-missed, T = 20 s, S = 5 s, days from midnight UTC. Fails on an
 * unknown time zone or a value out of range. */
gboolean      plt_kpi_config_set_defaults     (PltKpiConfig          *self,
                                               const PltKpiSettings  *settings,
                                               GError               **error);
gboolean      plt_kpi_config_set_queue        (PltKpiConfig          *self,
                                               const char            *queue,
                                               const PltKpiSettings  *settings,
                                               GError               **error);
/* Returns: (transfer none): @queue's settings, or the defaults */
const PltKpiSettings *plt_kpi_config_get_settings (PltKpiConfig      *self,
                                               PltKpiScope            scope,
                                               const char            *id);
/* Which team @agent belongs to (NULL: none). */
void          plt_kpi_config_set_agent_team   (PltKpiConfig          *self,
                                               const char            *agent,
                                               const char            *team);
/* Returns: (nullable): @agent's team */
const char   *plt_kpi_config_get_agent_team   (PltKpiConfig          *self,
                                               const char            *agent);
/* Returns: (transfer full): the agents of @team, sorted */
GStrv         plt_kpi_config_dup_team_agents  (PltKpiConfig          *self,
                                               const char            *team);
void          plt_kpi_config_set_plan_func    (PltKpiConfig          *self,
                                               PltKpiPlanFunc         func,
                                               gpointer               user_data,
                                               GDestroyNotify         destroy);
/* Whether a plan function is set. */
gboolean      plt_kpi_config_has_plan_func    (PltKpiConfig          *self);
/* The day containing @time for the entity (a queue's own zone and reset
 * time, else the defaults): [@start, @end), 23 or 25 h long on DST days. */
void          plt_kpi_config_get_day          (PltKpiConfig          *self,
                                               PltKpiScope            scope,
                                               const char            *id,
                                               gint64                 time,
                                               gint64                *start,
                                               gint64                *end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltKpiConfig, plt_kpi_config_unref)

/* ------------------------------------------------------------------------
 * Reports: any period, whole or cut in intervals.
 */

/**
 * PltKpiRow:
 * @id: the queue, team or agent
 * @from: the start of the interval (ms)
 * @to: its end (ms, excluded)
 * @counters: the sums
 * @values: the figures
 */
typedef struct
{
  char           *id;
  gint64          from;
  gint64          to;
  PltKpiCounters  counters;
  PltKpiValues    values;
} PltKpiRow;

void        plt_kpi_row_free       (PltKpiRow *row);

typedef struct _PltKpiReport PltKpiReport;

/* A report on @scope entities @ids (NULL or empty: every one met in the
 * records) over [@from, @to), cut every @interval_ms from @from (0: one
 * interval; the last may be shorter). @now (≥ @from) ends open agent
 * intervals and waits in progress; time after @now counts nothing. */
PltKpiReport *plt_kpi_report_new          (PltKpiConfig           *config,
                                           PltKpiScope             scope,
                                           const char * const     *ids,
                                           gint64                  from,
                                           gint64                  to,
                                           gint64                  interval_ms,
                                           gint64                  now);
void          plt_kpi_report_free         (PltKpiReport           *self);
/* Feed every record that may concern the period; others are ignored. An
 * agent's intervals must come in time order. */
void          plt_kpi_report_add_contact  (PltKpiReport           *self,
                                           const PltContactRecord *record);
void          plt_kpi_report_add_interval (PltKpiReport           *self,
                                           const PltAgentInterval *interval);
/* Returns: (transfer full) (element-type PltKpiRow): one row per entity and
 * interval, entities in the order asked (else sorted by id), intervals in
 * time order. Call once. */
GPtrArray    *plt_kpi_report_finish       (PltKpiReport           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltKpiRow, plt_kpi_row_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltKpiReport, plt_kpi_report_free)

/* ------------------------------------------------------------------------
 * Live: today and a rolling window, kept up to date.
 */

typedef enum
{
  PLT_KPI_PERIOD_TODAY,
  PLT_KPI_PERIOD_ROLLING,
} PltKpiPeriod;

/* "today", "rolling"; from_string returns FALSE for other text. */
const char *plt_kpi_period_to_string   (PltKpiPeriod  period);
gboolean    plt_kpi_period_from_string (const char   *str,
                                        PltKpiPeriod *period);

typedef struct _PltKpiLive PltKpiLive;

/* @window_ms: the rolling window (e.g. 30 min), ≥ 1 min. */
PltKpiLive *plt_kpi_live_new             (PltKpiConfig           *config,
                                          gint64                  window_ms);
void        plt_kpi_live_free            (PltKpiLive             *self);
gint64      plt_kpi_live_get_window      (PltKpiLive             *self);
/* A contact record, new or changed (the latest version replaces the
 * previous one, keyed by queue and id). */
void        plt_kpi_live_update_contact  (PltKpiLive             *self,
                                          const PltContactRecord *record);
/* An agent interval: the open one (end 0) of a new state, or one that
 * closed. A new open interval closes the agent's previous one at its
 * start. Intervals of an agent come in time order. */
void        plt_kpi_live_update_interval (PltKpiLive             *self,
                                          const PltAgentInterval *interval);
/* The figures of an entity at @now (≥ the latest record's times). An
 * entity never met has zero counts. */
void        plt_kpi_live_get_values      (PltKpiLive             *self,
                                          PltKpiScope             scope,
                                          const char             *id,
                                          PltKpiPeriod            period,
                                          gint64                  now,
                                          PltKpiValues           *values);
/* The mean handle time of @queue's contacts handled in the rolling
 * window, else today, else NaN: the AHT of plt_kpi_ewt(). */
double      plt_kpi_live_get_recent_aht  (PltKpiLive             *self,
                                          const char             *queue,
                                          gint64                  now);
/* The entities whose figures changed since the last call, as
 * (scope, id) pairs: fills @queues, @teams and @agents (arrays of owned
 * strings, cleared first) and forgets them. */
void        plt_kpi_live_take_changed    (PltKpiLive             *self,
                                          GPtrArray              *queues,
                                          GPtrArray              *teams,
                                          GPtrArray              *agents);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltKpiLive, plt_kpi_live_free)

G_END_DECLS
