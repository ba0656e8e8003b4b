/* plt-alerts.h — when a queue needs attention: thresholds, levels, and a
 * monitor that keeps the list of active alerts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "plt-clock.h"
#include "plt-model.h"
#include "plt-queue.h"
#include "plt-queue-trends.h"
#include "plt-sl-projection.h"

G_BEGIN_DECLS

/**
 * PltAlertLevel:
 * @PLT_ALERT_LEVEL_NONE: within every threshold
 * @PLT_ALERT_LEVEL_WARNING: close to a threshold
 * @PLT_ALERT_LEVEL_ALARM: over a threshold
 *
 * Each level has its own colour, icon (a check, a triangle, an octagon) and
 * words: colour is never the only sign.
 */
typedef enum
{
  PLT_ALERT_LEVEL_NONE,
  PLT_ALERT_LEVEL_WARNING,
  PLT_ALERT_LEVEL_ALARM,
} PltAlertLevel;

/**
 * PltAlertKind:
 * @PLT_ALERT_KIND_WAITING: contacts waiting
 * @PLT_ALERT_KIND_LONGEST_WAIT: the longest wait
 * @PLT_ALERT_KIND_SERVICE_LEVEL: today's service level against the target
 * @PLT_ALERT_KIND_PROJECTED_BREACH: the service level expected at the end
 *   of the quarter-hour is below the target (docs/kpis.md §9); only the
 *   monitor judges it, from the queue's recent history (PltQueueTrends)
 */
typedef enum
{
  PLT_ALERT_KIND_WAITING,
  PLT_ALERT_KIND_LONGEST_WAIT,
  PLT_ALERT_KIND_SERVICE_LEVEL,
  PLT_ALERT_KIND_PROJECTED_BREACH,
} PltAlertKind;

/* The kinds judged from a queue alone (plt_alert_levels_for_queue()) */
#define PLT_ALERT_N_KINDS (PLT_ALERT_KIND_SERVICE_LEVEL + 1)
/* Every kind the monitor keeps */
#define PLT_ALERT_N_ALL_KINDS (PLT_ALERT_KIND_PROJECTED_BREACH + 1)

/* A longest wait warns from this share of its threshold on. */
#define PLT_ALERT_WAIT_WARNING_SHARE 0.75

/* Hysteresis: a level, once reached, holds until the figure is better than
 * its threshold by this much (docs/kpis.md §9): a contact fewer waiting, a
 * tenth of the wait threshold, a point of service level. */
#define PLT_ALERT_WAITING_MARGIN       1
#define PLT_ALERT_WAIT_MARGIN_SHARE    0.1
#define PLT_ALERT_SL_MARGIN            0.01
/* A projected breach needs this many contacts in the quarter-hour, decided,
 * waiting or expected: fewer say nothing. */
#define PLT_ALERT_PROJECTION_MIN_CONTACTS 5.0

/*
 * Every queue is judged against the same counts of waiting contacts, and
 * against its own service level threshold and target (from the router),
 * unless longest_wait_s sets one threshold for all and sl_target_percent
 * one target; a queue may have thresholds of its own
 * (plt_alert_monitor_set_queue_thresholds(), the alert-queue-overrides key).
 */
typedef struct
{
  guint    waiting_warning;   /* contacts waiting; 0: no warning */
  guint    waiting_alarm;     /* contacts waiting; 0: no alarm */
  guint    longest_wait_s;    /* 0: each queue's service level threshold */
  gboolean service_level;     /* alert when a service level is below its target */
  guint    sl_target_percent; /* 1–100; 0: each queue's own target */
  gboolean projected_breach;  /* alert before the quarter-hour's service level breaks */
} PltAlertThresholds;

#define PLT_ALERT_THRESHOLDS_INIT { 3, 6, 0, TRUE, 0, TRUE }

/* The GVariant type of one queue's thresholds in alert-queue-overrides:
 * (waiting warning, waiting alarm, longest wait s, service level alerts,
 * target %, projected breach alerts). */
#define PLT_ALERT_THRESHOLDS_VARIANT_TYPE "(uuubub)"

/* Reads the alert-* keys of the application's settings. */
void          plt_alert_thresholds_load          (PltAlertThresholds       *thresholds,
                                                  GSettings                *settings);
GVariant     *plt_alert_thresholds_to_variant    (const PltAlertThresholds *thresholds);
void          plt_alert_thresholds_from_variant  (PltAlertThresholds       *thresholds,
                                                  GVariant                 *variant);
/* The target a queue is judged against: its own, or the thresholds'. */
double        plt_alert_thresholds_get_target    (const PltAlertThresholds *thresholds,
                                                  double                    queue_target);

PltAlertLevel plt_alert_level_for_waiting        (const PltAlertThresholds *thresholds,
                                                  guint                     waiting);
PltAlertLevel plt_alert_level_for_wait           (const PltAlertThresholds *thresholds,
                                                  guint                     sl_threshold_s,
                                                  gint64                    wait_ms);
PltAlertLevel plt_alert_level_for_service_level  (const PltAlertThresholds *thresholds,
                                                  double                    service_level,
                                                  double                    target);
/* The three levels of @queue at @now_ms (router time), by PltAlertKind. */
void          plt_alert_levels_for_queue         (const PltAlertThresholds *thresholds,
                                                  PltQueue                 *queue,
                                                  gint64                    now_ms,
                                                  PltAlertLevel             levels[PLT_ALERT_N_KINDS]);
/* The same, with hysteresis: a level of @previous holds while the figure
 * stays within its margin of the threshold. */
void          plt_alert_levels_for_queue_held    (const PltAlertThresholds *thresholds,
                                                  PltQueue                 *queue,
                                                  gint64                    now_ms,
                                                  const PltAlertLevel       previous[PLT_ALERT_N_KINDS],
                                                  PltAlertLevel             levels[PLT_ALERT_N_KINDS]);
/* Works out the quarter-hour's projection for @queue from @trends (method:
 * docs/kpis.md §9); @waiting_over_t the contacts waiting longer than T now
 * (-1: unknown, judged from the longest wait). FALSE when there is nothing
 * to project from. */
gboolean      plt_alert_project_queue            (const PltAlertThresholds *thresholds,
                                                  PltQueue                 *queue,
                                                  PltQueueTrends           *trends,
                                                  gint64                    now_ms,
                                                  int                       waiting_over_t,
                                                  PltSlProjectionInput     *input,
                                                  PltSlProjection          *projection);
/* The level of a projection: WARNING when it ends below the target with
 * enough contacts to say so; held from @previous until it is back above the
 * target by PLT_ALERT_SL_MARGIN. */
PltAlertLevel plt_alert_level_for_projection     (const PltSlProjectionInput *input,
                                                  const PltSlProjection    *projection,
                                                  PltAlertLevel             previous);

/* "alert-none", "alert-warning", "alert-alarm" */
const char   *plt_alert_level_get_css_class      (PltAlertLevel level);
const char   *plt_alert_level_get_icon_name      (PltAlertLevel level);
/* Translated: "Normal", "Warning", "Alarm" */
const char   *plt_alert_level_get_label          (PltAlertLevel level);

typedef struct
{
  char          *queue_id;
  char          *queue_name;
  PltAlertKind   kind;
  PltAlertLevel  level;
  char          *text;        /* translated, "Sales: 8 contacts waiting" */
  gboolean       acknowledged; /* the supervisor has seen it at this level */
} PltAlert;

#define PLT_TYPE_ALERT_MONITOR (plt_alert_monitor_get_type ())
G_DECLARE_FINAL_TYPE (PltAlertMonitor, plt_alert_monitor, PLT, ALERT_MONITOR, GObject)

/*
 * Follows the queues of a PltModel, and the PltClock the waits are measured
 * with, and keeps the alerts that are active (warnings and alarms), alarms
 * first. It works out the alerts again when the model announces a change
 * and when the clock ticks. Levels hold with hysteresis; with a
 * PltQueueTrends, it also projects each queue's quarter-hour.
 *
 * Acknowledged once: an alert the supervisor acknowledged stays in the list
 * (marked), is not raised again while it lasts, and is raised again only
 * once it has ended and begins anew, or goes past the level acknowledged.
 *
 * Signals:
 *   "changed" ()  — the alerts, their words or their acknowledgement changed
 *   "raised" (const PltAlert *alert) — an alert to tell the supervisor of
 *                  began: an alarm (from no alert or a warning), or a
 *                  projected breach; emitted once until that alert ends
 */

PltAlertMonitor *plt_alert_monitor_new            (PltModel                 *model,
                                                   PltClock                 *clock);
void             plt_alert_monitor_set_thresholds (PltAlertMonitor          *self,
                                                   const PltAlertThresholds *thresholds);
const PltAlertThresholds *
                 plt_alert_monitor_get_thresholds (PltAlertMonitor          *self);
/* Only these queues (NULL or empty: every queue). */
void             plt_alert_monitor_set_queues     (PltAlertMonitor          *self,
                                                   const char * const       *queue_ids);
/* Thresholds of one queue (NULL: back to the defaults). */
void             plt_alert_monitor_set_queue_thresholds (PltAlertMonitor          *self,
                                                   const char               *queue_id,
                                                   const PltAlertThresholds *thresholds);
/* Returns: (transfer none): those @queue_id is judged against */
const PltAlertThresholds *
                 plt_alert_monitor_get_queue_thresholds (PltAlertMonitor  *self,
                                                   const char               *queue_id);
/* The defaults and every queue's own, from the alert-* keys of @settings,
 * followed as they change. */
void             plt_alert_monitor_follow_settings (PltAlertMonitor         *self,
                                                   GSettings                *settings);
/* The history the projected breaches come from (NULL: none projected). */
void             plt_alert_monitor_set_trends     (PltAlertMonitor          *self,
                                                   PltQueueTrends           *trends);
/* Returns: (transfer none) (element-type PltAlert): the active alerts */
GPtrArray       *plt_alert_monitor_get_alerts     (PltAlertMonitor          *self);
/* The worst active level of @queue_id, and the words of that alert
 * (@text: (out) (optional) (transfer none) (nullable)). */
PltAlertLevel    plt_alert_monitor_get_queue_level (PltAlertMonitor         *self,
                                                   const char               *queue_id,
                                                   const char              **text);
/* Marks an active alert as seen: it is not raised again until it ends. */
void             plt_alert_monitor_acknowledge    (PltAlertMonitor          *self,
                                                   const char               *queue_id,
                                                   PltAlertKind              kind);
/* Every active alert. */
void             plt_alert_monitor_acknowledge_all (PltAlertMonitor         *self);
/* Works the alerts out now rather than at the next change or tick. */
void             plt_alert_monitor_update         (PltAlertMonitor          *self);

G_END_DECLS
