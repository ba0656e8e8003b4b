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

typedef enum
{
  PLT_ALERT_KIND_WAITING,
  PLT_ALERT_KIND_LONGEST_WAIT,
  PLT_ALERT_KIND_SERVICE_LEVEL,
} PltAlertKind;

#define PLT_ALERT_N_KINDS (PLT_ALERT_KIND_SERVICE_LEVEL + 1)

/* A longest wait warns from this share of its threshold on. */
#define PLT_ALERT_WAIT_WARNING_SHARE 0.75

/*
 * Every queue is judged against the same counts of waiting contacts, and
 * against its own service level threshold and target (from the router),
 * unless longest_wait_s sets one threshold for all.
 */
typedef struct
{
  guint    waiting_warning;   /* contacts waiting; 0: no warning */
  guint    waiting_alarm;     /* contacts waiting; 0: no alarm */
  guint    longest_wait_s;    /* 0: each queue's service level threshold */
  gboolean service_level;     /* alert when a service level is below its target */
} PltAlertThresholds;

#define PLT_ALERT_THRESHOLDS_INIT { 3, 6, 0, TRUE }

/* Reads the alert-* keys of the application's settings. */
void          plt_alert_thresholds_load          (PltAlertThresholds       *thresholds,
                                                  GSettings                *settings);

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
} PltAlert;

#define PLT_TYPE_ALERT_MONITOR (plt_alert_monitor_get_type ())
G_DECLARE_FINAL_TYPE (PltAlertMonitor, plt_alert_monitor, PLT, ALERT_MONITOR, GObject)

/*
 * Follows the queues of a PltModel, and the PltClock the waits are measured
 * with, and keeps the alerts that are active (warnings and alarms), alarms
 * first. It works out the alerts again when the model announces a change
 * and when the clock ticks.
 *
 * Signals:
 *   "changed" ()  — the alerts or their words changed
 *   "raised" (const PltAlert *alert) — an alarm started (from no alert or a
 *                  warning); emitted once until that alert ends
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
/* Returns: (transfer none) (element-type PltAlert): the active alerts */
GPtrArray       *plt_alert_monitor_get_alerts     (PltAlertMonitor          *self);
/* Works the alerts out now rather than at the next change or tick. */
void             plt_alert_monitor_update         (PltAlertMonitor          *self);

G_END_DECLS
