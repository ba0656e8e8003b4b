/* plt-protocol-planning.h — the payload of the planning.* messages
 * (docs/protocol.md, "Planning")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "plt-planning.h"
#include "plt-protocol.h"

G_BEGIN_DECLS

/* The most agent-days in one planning.save or planning.state. */
#define PLT_PROTOCOL_MAX_PLANNING_DAYS      5000
#define PLT_PROTOCOL_MAX_PLANNING_COMMENTS  1000
#define PLT_PROTOCOL_MAX_PLANNING_AUDIT     5000

/**
 * PltPlanningComment:
 * @at: when, ms (router clock)
 * @by: the user who wrote it
 * @text: the comment (≤ 4 096 bytes)
 * @agent: (nullable): the agent it is about
 * @date: (nullable): the date it is about ("YYYY-MM-DD")
 */
typedef struct
{
  gint64  at;
  char   *by;
  char   *text;
  char   *agent;
  char   *date;
} PltPlanningComment;

/**
 * PltPlanningAudit:
 * @revision: the draft revision the change made
 * @at: when, ms
 * @by: the user
 * @agent: the agent whose day changed
 * @date: the day ("YYYY-MM-DD")
 * @action: "save" or "publish"
 *
 * Who changed which agent-day: the router records one per agent-day saved.
 */
typedef struct
{
  gint64  revision;
  gint64  at;
  char   *by;
  char   *agent;
  char   *date;
  char   *action;
} PltPlanningAudit;

/**
 * PltPlanningMessage:
 * @id: a command's id (get, save, publish, comment); NULL otherwise
 * @reply_to: (nullable): the command a state or saved answers
 * @team: the team
 * @week: the ISO week
 * @revision: get: unused; save: the base revision; saved and state: the
 *   draft's revision; publish: the revision to publish
 * @has_draft: state: whether @days is the draft (FALSE for an agent, who
 *   sees only the published version)
 * @days: (element-type PltAgentDay): save: the agent-days replaced
 *   (an empty day empties it); state: the draft; published: the
 *   recipient's own days
 * @site_id, @site_name, @site_tz: state: the team's site
 * @agents: (element-type PltPlanningAgent): state: the team's agents
 * @published_version: state and published: the published version (0: none)
 * @published_revision: the draft revision it was made from
 * @published_at: when, ms
 * @published_by: (nullable): by whom
 * @published_days: (element-type PltAgentDay): state: the published days
 * @comments: (element-type PltPlanningComment): state
 * @audit: (element-type PltPlanningAudit): state: changes since the last
 *   publication (all of them when never published)
 * @text: comment: the text
 * @agent, @date: (nullable): comment: what it is about
 */
struct _PltPlanningMessage
{
  char       *id;
  char       *reply_to;
  char       *team;
  PltWeek     week;
  gint64      revision;
  gboolean    has_draft;
  GPtrArray  *days;
  char       *site_id;
  char       *site_name;
  char       *site_tz;
  GPtrArray  *agents;
  gint64      published_version;
  gint64      published_revision;
  gint64      published_at;
  char       *published_by;
  GPtrArray  *published_days;
  GPtrArray  *comments;
  GPtrArray  *audit;
  char       *text;
  char       *agent;
  char       *date;
};

/* Returns: (transfer full): an empty payload, every array created */
PltPlanningMessage *plt_planning_message_new   (void);
void                plt_planning_message_free  (PltPlanningMessage       *self);
gboolean            plt_planning_message_equal (const PltPlanningMessage *a,
                                                const PltPlanningMessage *b);

PltPlanningComment *plt_planning_comment_new   (gint64      at,
                                                const char *by,
                                                const char *text,
                                                const char *agent,
                                                const char *date);
void                plt_planning_comment_free  (PltPlanningComment *comment);
PltPlanningAudit   *plt_planning_audit_new     (gint64      revision,
                                                gint64      at,
                                                const char *by,
                                                const char *agent,
                                                const char *date,
                                                const char *action);
void                plt_planning_audit_free    (PltPlanningAudit   *audit);

/* The days of @self as a schedule (for a state's draft or published
 * days). Returns: (transfer full) (nullable): NULL when two days use one
 * shift id, with @error */
PltSchedule        *plt_planning_message_dup_schedule (GPtrArray *days,
                                                GError   **error);

/* Encodes a whole message of a planning type: with "seq" when @seq ≥ 0,
 * with "epoch" when @epoch is not NULL. (transfer full) */
char               *plt_protocol_encode_planning (gint64                     seq,
                                                  const char                *epoch,
                                                  PltMessageType             type,
                                                  const PltPlanningMessage  *planning);

/* For the codec's files (plt-protocol-*.c). */
gboolean            _plt_planning_message_decode (PltMessageType       type,
                                                  JsonObject          *data,
                                                  const char          *prefix,
                                                  PltPlanningMessage **out,
                                                  GError             **error);
void                _plt_planning_message_encode (GString                   *out,
                                                  PltMessageType             type,
                                                  const PltPlanningMessage  *self,
                                                  gboolean                   first);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltPlanningMessage, plt_planning_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltPlanningComment, plt_planning_comment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltPlanningAudit, plt_planning_audit_free)

G_END_DECLS
