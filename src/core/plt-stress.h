/* plt-stress.h — the floor's stress signals: what in an agent's day calls
 * for a supervisor's attention (the seed's section on stress)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "plt-records.h"

G_BEGIN_DECLS

/**
 * PltStressKind:
 * @PLT_STRESS_NO_BREAK: many calls, or a long time at work, since the last
 *   break
 * @PLT_STRESS_LONG_CALLS: a streak of long calls in a row
 * @PLT_STRESS_HIGH_OCCUPANCY: occupancy above the threshold over the last
 *   hour: no time to breathe between calls
 * @PLT_STRESS_LONG_PAUSE: a pause that goes well beyond its reason's usual
 *   length (often a sign that something is wrong)
 * @PLT_STRESS_RONA_STREAK: several offers in a row left ringing (the agent
 *   may be away, overwhelmed, or their phone broken)
 *
 * Flags: an agent may show several at once.
 */
typedef enum
{
  PLT_STRESS_NO_BREAK       = 1 << 0,
  PLT_STRESS_LONG_CALLS     = 1 << 1,
  PLT_STRESS_HIGH_OCCUPANCY = 1 << 2,
  PLT_STRESS_LONG_PAUSE     = 1 << 3,
  PLT_STRESS_RONA_STREAK    = 1 << 4,
} PltStressKind;

#define PLT_STRESS_N_KINDS 5

/**
 * PltStressSettings:
 * @calls_since_break: calls handled since the last break that raise
 *   PLT_STRESS_NO_BREAK (default 20)
 * @work_since_break_ms: time logged in since the last break that raises it
 *   too (default 2 h)
 * @break_min_ms: the shortest pause that counts as a break (default 5 min)
 * @long_call_ms: a call (ringing excluded, hold included) this long is long
 *   (default 10 min)
 * @long_call_streak: long calls in a row that raise PLT_STRESS_LONG_CALLS
 *   (default 3)
 * @occupancy: the occupancy over the last @occupancy_window_ms above which
 *   PLT_STRESS_HIGH_OCCUPANCY is raised (default 0.9 over 1 h), when the
 *   agent was available or on contacts for at least half the window
 * @pause_grace: a pause is long past its reason's usual length × this
 *   (default 1.0: past the usual length)
 * @rona_streak: missed offers in a row that raise PLT_STRESS_RONA_STREAK
 *   (default 2)
 *
 * The thresholds; plt_stress_settings_init() gives the defaults, which
 * docs/supervisor.md explains.
 */
typedef struct
{
  guint  calls_since_break;
  gint64 work_since_break_ms;
  gint64 break_min_ms;
  gint64 long_call_ms;
  guint  long_call_streak;
  double occupancy;
  gint64 occupancy_window_ms;
  double pause_grace;
  guint  rona_streak;
} PltStressSettings;

void     plt_stress_settings_init       (PltStressSettings *settings);
/* The usual length of a pause of @reason (ms): break 15 min, lunch 1 h,
 * training 2 h, meeting 1 h, back_office 30 min; 15 min for any other. */
gint64   plt_stress_usual_pause         (const char        *reason);

/**
 * PltStressSignal:
 * @kind: which signal
 * @agent: the agent
 * @since: when the situation began (the last break, the first call of the
 *   streak, the pause's start…): a dismissed signal comes back only when
 *   this changes
 * @count: calls since the break, long calls or missed offers in a row
 * @duration_ms: time at work since the break, the pause's length, the
 *   streak's total talk
 * @ratio: the occupancy (PLT_STRESS_HIGH_OCCUPANCY)
 * @reason: (nullable): the pause's reason (PLT_STRESS_LONG_PAUSE)
 */
typedef struct
{
  PltStressKind  kind;
  char          *agent;
  gint64         since;
  guint          count;
  gint64         duration_ms;
  double         ratio;
  char          *reason;
} PltStressSignal;

PltStressSignal *plt_stress_signal_copy (const PltStressSignal *signal);
void             plt_stress_signal_free (PltStressSignal       *signal);

/* The signals of one agent at @now, from @intervals (PltAgentInterval*,
 * that agent's only, in time order; the last may be open, end 0).
 * Returns: (transfer full) (element-type PltStressSignal): in the order of
 * PltStressKind. */
GPtrArray       *plt_stress_evaluate    (const PltStressSettings *settings,
                                         GPtrArray               *intervals,
                                         gint64                   now);
/* The flags of @signals. */
guint            plt_stress_flags       (GPtrArray               *signals);

/* Returns: (transfer full): why, in words for a supervisor ("24 calls since
 * the last break, 2 h 10 min ago"), translated */
char            *plt_stress_signal_describe (const PltStressSignal *signal);
/* Returns: (transfer none): a short title ("No break"), translated */
const char      *plt_stress_kind_title  (PltStressKind            kind);

/*
 * PltStressTracker: each agent's day as the console sees it, made of the
 * history the router sends (history.query) and of the agent's states as
 * they change, and the signals of every agent. Dismissing a signal hides it
 * until its situation starts again (a new @since).
 */
typedef struct _PltStressTracker PltStressTracker;

PltStressTracker *plt_stress_tracker_new       (const PltStressSettings *settings);
void              plt_stress_tracker_free      (PltStressTracker        *self);
/* The agent's state now (an open interval: @interval->end is 0): closes
 * the previous one at @interval->start if the state differs. Returns TRUE
 * when it was new. */
gboolean          plt_stress_tracker_observe   (PltStressTracker        *self,
                                                const PltAgentInterval  *interval);
/* Adds past intervals (a history.result); those already known (same agent
 * and start) are skipped, an agent's list stays in time order. */
void              plt_stress_tracker_add_history (PltStressTracker      *self,
                                                  GPtrArray             *intervals);
/* Returns: (transfer none) (nullable): @agent's intervals, in time order */
GPtrArray        *plt_stress_tracker_get_intervals (PltStressTracker    *self,
                                                    const char          *agent);
/* Evaluates @agent at @now; returns its flags (dismissed signals left out). */
guint             plt_stress_tracker_update    (PltStressTracker        *self,
                                                const char              *agent,
                                                gint64                   now);
/* Returns: (transfer full) (element-type PltStressSignal): every agent's
 * signals as of their last update, dismissed ones left out, by agent. */
GPtrArray        *plt_stress_tracker_dup_signals (PltStressTracker      *self);
void              plt_stress_tracker_dismiss   (PltStressTracker        *self,
                                                const char              *agent,
                                                PltStressKind            kind);
/* Forgets intervals that ended before @before. */
void              plt_stress_tracker_prune     (PltStressTracker        *self,
                                                gint64                   before);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltStressSignal, plt_stress_signal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltStressTracker, plt_stress_tracker_free)

G_END_DECLS
