/* plt-forecast.h — the forecast per queue and 15-minute interval (from
 * history or a CSV file), the agents it requires, and how the planned
 * shifts cover it, with what-if parameters (docs/planning.md, "Forecast")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-planning.h"
#include "plt-records.h"
#include "plt-staffing.h"

G_BEGIN_DECLS

#define PLT_FORECAST_INTERVAL_MS  (15 * PLT_MS_PER_MINUTE)

#define PLT_FORECAST_ERROR (plt_forecast_error_quark ())

typedef enum
{
  PLT_FORECAST_ERROR_INVALID,   /* a parameter out of range */
  PLT_FORECAST_ERROR_CSV,       /* a CSV file with bad rows: see the row errors */
} PltForecastError;

GQuark plt_forecast_error_quark (void);

typedef struct _PltForecast PltForecast;

/*
 * A forecast covers n intervals of 15 minutes from @start (a UTC time on
 * a quarter hour). Each queue has, per interval, the calls expected and
 * their mean handle time (s), and a mean caller patience (s; 0: unknown,
 * the what-if's is used).
 */

PltForecast *plt_forecast_new            (gint64              start,
                                          guint               n_intervals);
/* The week of @week at @site: its local Monday 00:00 to the next (667 to
 * 673 intervals across DST changes). */
PltForecast *plt_forecast_new_for_week   (const PltSite      *site,
                                          const PltWeek      *week);
void         plt_forecast_free           (PltForecast        *self);
gint64       plt_forecast_get_start      (PltForecast        *self);
guint        plt_forecast_get_n_intervals (PltForecast       *self);
/* The interval holding @time, or -1 outside the forecast. */
int          plt_forecast_interval_at    (PltForecast        *self,
                                          gint64              time);
/* The queue's index, adding it (no calls) if new. */
guint        plt_forecast_add_queue      (PltForecast        *self,
                                          const char         *queue);
/* -1 if unknown */
int          plt_forecast_find_queue     (PltForecast        *self,
                                          const char         *queue);
guint        plt_forecast_get_n_queues   (PltForecast        *self);
const char  *plt_forecast_get_queue      (PltForecast        *self,
                                          guint               queue);
void         plt_forecast_set            (PltForecast        *self,
                                          guint               queue,
                                          guint               interval,
                                          double              calls,
                                          double              aht_s);
double       plt_forecast_get_calls      (PltForecast        *self,
                                          guint               queue,
                                          guint               interval);
double       plt_forecast_get_aht        (PltForecast        *self,
                                          guint               queue,
                                          guint               interval);
void         plt_forecast_set_patience   (PltForecast        *self,
                                          guint               queue,
                                          double              patience_s);
double       plt_forecast_get_patience   (PltForecast        *self,
                                          guint               queue);

/*
 * From history: contact records (the router's, PltContactRecord) over
 * whole local days [@from, @to). Each interval of the forecast gets the
 * mean, over the history's days of the same weekday, of the contacts
 * offered in the same local quarter hour; its AHT is the mean handle time
 * (talk + hold + wrap-up) of the answered ones (of the whole day of the
 * week when that quarter hour had none, else of the queue, else
 * @default_aht_s). Outbound contacts are not forecast.
 */
typedef struct _PltHistory PltHistory;

PltHistory  *plt_history_new             (const PltSite      *site,
                                          gint64              from,
                                          gint64              to);
void         plt_history_free            (PltHistory         *self);
/* Records outside [from, to) are ignored. */
void         plt_history_add             (PltHistory         *self,
                                          const PltContactRecord *record);
/* For plt_acd_foreach_contact () and the like. */
gboolean     plt_history_add_func        (const PltContactRecord *record,
                                          gpointer            history);
/* Fills @forecast's queues (adding those met in the history). */
void         plt_history_forecast        (PltHistory         *self,
                                          PltForecast        *forecast,
                                          double              default_aht_s);

/**
 * PltCsvRowError:
 * @line: the line number in the file (1 = the header)
 * @message: what is wrong, in words (translated)
 */
typedef struct
{
  guint  line;
  char  *message;
} PltCsvRowError;

void plt_csv_row_error_free (PltCsvRowError *error);

/*
 * A forecast from a CSV file (RFC 4180; docs/planning.md, "Forecast CSV"):
 *
 *   queue,interval_start,calls,aht_s[,patience_s]
 *   q-sales,2026-06-01T08:00,12.5,240
 *   q-sales,2026-06-01T08:15+02:00,14,238,150
 *
 * interval_start is local time at @site unless it carries an offset (or
 * Z), and falls on a quarter hour. Every row is checked; any bad row fails
 * the whole import (nothing is silently dropped): @row_errors (out,
 * element-type PltCsvRowError) lists each with its line number, and @error
 * says how many. Rows outside @forecast's span are errors too. Calls are
 * added to @forecast (intervals the file does not name keep theirs).
 */
gboolean     plt_forecast_import_csv     (PltForecast        *forecast,
                                          const PltSite      *site,
                                          const char         *text,
                                          gssize              length,
                                          GPtrArray         **row_errors,
                                          GError            **error);

/* ------------------------------------------------------------------------
 * Required staffing and coverage
 */

/**
 * PltWhatIf:
 * @model: Erlang A (the default) or C
 * @volume_factor: calls × this (1 = as forecast; 1.1 = +10 %)
 * @aht_factor: AHT × this
 * @patience_s: caller patience when the forecast has none (Erlang A)
 * @shrinkage: share of scheduled time lost (absence, unplanned pauses), [0, 1)
 * @service_level: target share answered within @t_s, (0, 1)
 * @t_s: the threshold, s
 * @max_occupancy: occupancy cap, (0, 1]; 0: none
 *
 * Fill with plt_what_if_init() first.
 */
typedef struct
{
  PltStaffingModel model;
  double           volume_factor;
  double           aht_factor;
  double           patience_s;
  double           shrinkage;
  double           service_level;
  double           t_s;
  double           max_occupancy;
} PltWhatIf;

void plt_what_if_init (PltWhatIf *what_if);

/**
 * PltCoverageCell:
 * @calls: calls expected (after the what-if's volume factor)
 * @aht_s: mean handle time (after its AHT factor)
 * @required: agents on the queue the target needs (Erlang)
 * @required_scheduled: @required before shrinkage, what to schedule
 * @scheduled: agents planned to work on the queue, net of breaks, lunch,
 *   training, meetings, back office and time off; time-weighted over the
 *   interval, an agent working on k queues counting 1/k on each
 * @gap: @scheduled − @required_scheduled (negative: a shortfall)
 * @projected_sl: the service level @scheduled gives after shrinkage
 *   (interpolated between whole head counts); 1 without calls
 */
typedef struct
{
  double calls;
  double aht_s;
  guint  required;
  guint  required_scheduled;
  double scheduled;
  double gap;
  double projected_sl;
} PltCoverageCell;

typedef struct _PltCoverage PltCoverage;

/* The coverage of @forecast (referenced: it must outlive the coverage),
 * everything computed with @what_if. */
PltCoverage *plt_coverage_new            (PltForecast        *forecast,
                                          const PltWhatIf    *what_if,
                                          GError            **error);
void         plt_coverage_free           (PltCoverage        *self);
/* Counts the scheduled agents of @schedule (@agents: element-type
 * PltPlanningAgent, for the skills of WORK without queues) and updates
 * gaps and projected service levels. */
void         plt_coverage_set_schedule   (PltCoverage        *self,
                                          PltSchedule        *schedule,
                                          GPtrArray          *agents);
/* New what-if parameters for intervals [@first, @first + @n) only (a day
 * on screen): fast. */
gboolean     plt_coverage_recompute      (PltCoverage        *self,
                                          const PltWhatIf    *what_if,
                                          guint               first,
                                          guint               n,
                                          GError            **error);
/* Returns: (transfer none) */
const PltCoverageCell *plt_coverage_get  (PltCoverage        *self,
                                          guint               queue,
                                          guint               interval);
/* Sums over the queues of one interval (the chart's total line). */
void         plt_coverage_get_total      (PltCoverage        *self,
                                          guint               interval,
                                          PltCoverageCell    *total);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltForecast, plt_forecast_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltHistory, plt_history_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltCoverage, plt_coverage_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltCsvRowError, plt_csv_row_error_free)

G_END_DECLS
