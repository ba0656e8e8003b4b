/* plt-protocol-supervisor.h — the payload of the supervisor's commands and
 * of the history (docs/protocol.md §10 and §4.5): cmd.agent.skills,
 * cmd.message, message.new, message.ack, history.query, history.result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "plt-protocol.h"
#include "plt-records.h"

G_BEGIN_DECLS

/* The most skills in one cmd.agent.skills, and the levels it accepts. */
#define PLT_PROTOCOL_MAX_SKILLS            64
#define PLT_PROTOCOL_MAX_SKILL_LEVEL       9
/* The longest text of a cmd.message, in bytes. */
#define PLT_PROTOCOL_MAX_MESSAGE_TEXT      1000
/* history.query: the agents or queues named, the longest period, the queue
 * samples' step bounds; history.result: what one part holds at most. */
#define PLT_PROTOCOL_MAX_HISTORY_IDS       500
#define PLT_PROTOCOL_MAX_HISTORY_PERIOD_MS ((gint64) 7 * 24 * 3600 * 1000)
#define PLT_PROTOCOL_MIN_HISTORY_STEP_S    60
#define PLT_PROTOCOL_MAX_HISTORY_STEP_S    3600
#define PLT_PROTOCOL_MAX_HISTORY_INTERVALS 2000
#define PLT_PROTOCOL_MAX_HISTORY_SAMPLES   2000

/**
 * PltQueueSample:
 * @queue: the queue id
 * @at: the moment described (ms, router clock)
 * @waiting: contacts waiting (queued or ringing) then
 * @oldest_since: when the longest-waiting of them entered the queue (ms);
 *   0 when nobody waited
 * @agents: the queue's agents by displayed state then
 *
 * What a queue was doing at one moment, rebuilt from the records.
 */
typedef struct
{
  char                *queue;
  gint64               at;
  guint                waiting;
  gint64               oldest_since;
  PltQueueAgentCounts  agents;
} PltQueueSample;

/**
 * PltSupervisorMessage:
 * @id: cmd.agent.skills, cmd.message and history.query: the id the client
 *   chose (repeated in reply_to); message.new and message.ack: the
 *   message's id
 * @reply_to: history.result: the query it answers; message.ack: the
 *   cmd.message that sent the message (to its sender's sessions)
 * @agent: cmd.agent.skills: the agent; message.ack: who acknowledged
 * @skills: cmd.agent.skills: the agent's queues and levels, replacing
 *   theirs (@n_skills of them; NULL when none)
 * @to_agent: cmd.message and message.new: the agent written to (nullable)
 * @to_team: cmd.message and message.new: the team written to (nullable);
 *   exactly one of @to_agent and @to_team is set
 * @text: cmd.message and message.new: the text
 * @from: message.new: the user who wrote (nullable)
 * @at: message.new: when it was sent; message.ack: when it was read (ms)
 * @from_ms: history.query: the period's start (ms)
 * @to_ms: history.query: its end, excluded (ms)
 * @agents: history.query: the agents asked for (empty: every one the
 *   session sees); never NULL
 * @queues: history.query: the queues asked for (empty: every one the
 *   session sees); never NULL
 * @step_s: history.query: seconds between queue samples (0: 60)
 * @part: history.result: the part's index, from 0
 * @last: history.result: TRUE on the last part
 * @intervals: history.result: (element-type PltAgentInterval) the agents'
 *   intervals overlapping the period, owned copies; never NULL
 * @queue_samples: history.result: (element-type PltQueueSample); never NULL
 */
struct _PltSupervisorMessage
{
  char           *id;
  char           *reply_to;
  char           *agent;
  PltAgentSkill  *skills;
  guint           n_skills;
  char           *to_agent;
  char           *to_team;
  char           *text;
  char           *from;
  gint64          at;
  gint64          from_ms;
  gint64          to_ms;
  GStrv           agents;
  GStrv           queues;
  guint           step_s;
  guint           part;
  gboolean        last;
  GPtrArray      *intervals;
  GPtrArray      *queue_samples;
};

/* Returns: (transfer full): an empty payload, every array created */
PltSupervisorMessage *plt_supervisor_message_new   (void);
void                  plt_supervisor_message_free  (PltSupervisorMessage       *self);
gboolean              plt_supervisor_message_equal (const PltSupervisorMessage *a,
                                                    const PltSupervisorMessage *b);
void                  plt_supervisor_message_set_skills (PltSupervisorMessage *self,
                                                         const PltAgentSkill  *skills,
                                                         guint                 n_skills);

PltQueueSample       *plt_queue_sample_copy        (const PltQueueSample *sample);
void                  plt_queue_sample_free        (PltQueueSample       *sample);

/* TRUE for the six types of this file. */
gboolean              plt_message_type_is_supervisor (PltMessageType type);

/* Encodes a whole message of one of these types: with "seq" when @seq ≥ 0
 * and "epoch" when not NULL. (transfer full) */
char                 *plt_protocol_encode_supervisor (gint64                      seq,
                                                      const char                 *epoch,
                                                      PltMessageType              type,
                                                      const PltSupervisorMessage *payload);

/* For the codec's files (plt-protocol-*.c). */
gboolean              _plt_supervisor_message_decode (PltMessageType         type,
                                                      JsonObject            *data,
                                                      PltSupervisorMessage **out,
                                                      GError               **error);
void                  _plt_supervisor_message_encode (GString                    *out,
                                                      PltMessageType              type,
                                                      const PltSupervisorMessage *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltSupervisorMessage, plt_supervisor_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltQueueSample, plt_queue_sample_free)

G_END_DECLS
