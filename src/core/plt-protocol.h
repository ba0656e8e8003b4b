/* plt-protocol.h — the one codec of the Plateau protocol (docs/protocol.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-kpi.h"
#include "plt-records.h"
#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_PROTOCOL_VERSION              1
#define PLT_PROTOCOL_SUBPROTOCOL          "plateau.v1"
#define PLT_PROTOCOL_PATH                 "/acd"
#define PLT_PROTOCOL_MAX_MESSAGE          (1024 * 1024)      /* server → client */
#define PLT_PROTOCOL_MAX_CLIENT_FRAME     (4 * 1024 * 1024)  /* what the console accepts per frame */
#define PLT_PROTOCOL_MAX_CLIENT_MESSAGE   (64 * 1024)        /* client → server */
#define PLT_PROTOCOL_MAX_DEPTH            32
#define PLT_PROTOCOL_MAX_STRING           4096
#define PLT_PROTOCOL_MAX_DIGITS           18
#define PLT_PROTOCOL_MAX_PART_ENTITIES    500
#define PLT_PROTOCOL_MAX_ID               64
#define PLT_PROTOCOL_MAX_KPI_ROWS         1000               /* rows in one kpi.result */
#define PLT_PROTOCOL_MAX_KPI_IDS          500                /* ids in one kpi.query */

#define PLT_PROTOCOL_ERROR (plt_protocol_error_quark ())

/**
 * PltProtocolError:
 *
 * Why a message was rejected. Each maps to the wire error code of the same
 * name (plt_protocol_error_code_to_string()).
 */
typedef enum
{
  PLT_PROTOCOL_ERROR_BAD_REQUEST,
  PLT_PROTOCOL_ERROR_TOO_LARGE,
  PLT_PROTOCOL_ERROR_UNSUPPORTED_VERSION,
  PLT_PROTOCOL_ERROR_UNKNOWN_TYPE,
  PLT_PROTOCOL_ERROR_PROTOCOL,
  PLT_PROTOCOL_ERROR_INTERNAL,
  /* Answers to commands (docs/protocol.md §4.5) */
  PLT_PROTOCOL_ERROR_FORBIDDEN,
  PLT_PROTOCOL_ERROR_NOT_FOUND,
  PLT_PROTOCOL_ERROR_CONFLICT,
  PLT_PROTOCOL_ERROR_RATE_LIMITED,
} PltProtocolError;

GQuark      plt_protocol_error_quark              (void);
const char *plt_protocol_error_code_to_string     (PltProtocolError code);
PltProtocolError plt_protocol_error_code_from_string (const char *str);

typedef enum
{
  PLT_MESSAGE_UNKNOWN,          /* a type this build does not know: count and skip */
  PLT_MESSAGE_HELLO,
  PLT_MESSAGE_WELCOME,
  PLT_MESSAGE_ACK,
  PLT_MESSAGE_RESYNC,
  PLT_MESSAGE_HEARTBEAT,        /* "sys.hb" */
  PLT_MESSAGE_SNAPSHOT_BEGIN,
  PLT_MESSAGE_SNAPSHOT_PART,
  PLT_MESSAGE_SNAPSHOT_END,
  PLT_MESSAGE_TEAM_UPDATE,
  PLT_MESSAGE_TEAM_REMOVE,
  PLT_MESSAGE_AGENT_UPDATE,
  PLT_MESSAGE_AGENT_REMOVE,
  PLT_MESSAGE_QUEUE_UPDATE,
  PLT_MESSAGE_QUEUE_REMOVE,
  PLT_MESSAGE_CALL_UPDATE,
  PLT_MESSAGE_CALL_REMOVE,
  PLT_MESSAGE_ERROR,
  PLT_MESSAGE_RESULT,           /* the answer to a command that succeeded */
  PLT_MESSAGE_CMD_AGENT_STATUS, /* "cmd.agent.status" */
  PLT_MESSAGE_KPI_UPDATE,       /* "kpi.update": live figures, not a delta */
  PLT_MESSAGE_KPI_QUERY,        /* "kpi.query" */
  PLT_MESSAGE_KPI_RESULT,       /* "kpi.result" */
  PLT_MESSAGE_KPI_SUBSCRIBE,    /* "kpi.subscribe" */
  /* The planning (docs/protocol.md, "Planning"); payload: u.planning */
  PLT_MESSAGE_PLANNING_GET,       /* "planning.get" */
  PLT_MESSAGE_PLANNING_STATE,     /* "planning.state" */
  PLT_MESSAGE_PLANNING_SAVE,      /* "planning.save" */
  PLT_MESSAGE_PLANNING_SAVED,     /* "planning.saved" */
  PLT_MESSAGE_PLANNING_PUBLISH,   /* "planning.publish" */
  PLT_MESSAGE_PLANNING_COMMENT,   /* "planning.comment" */
  PLT_MESSAGE_PLANNING_PUBLISHED, /* "planning.published": an event, not a delta */
  /* The supervisor's commands and the history (plt-protocol-supervisor.h);
   * payload: u.supervisor */
  PLT_MESSAGE_CMD_AGENT_SKILLS,   /* "cmd.agent.skills" */
  PLT_MESSAGE_CMD_MESSAGE,        /* "cmd.message" */
  PLT_MESSAGE_MESSAGE_NEW,        /* "message.new": an event, not a delta */
  PLT_MESSAGE_MESSAGE_ACK,        /* "message.ack": an event, not a delta */
  PLT_MESSAGE_HISTORY_QUERY,      /* "history.query" */
  PLT_MESSAGE_HISTORY_RESULT,     /* "history.result" */
} PltMessageType;

/* The planning.* payload (plt-protocol-planning.h). */
typedef struct _PltPlanningMessage PltPlanningMessage;
/* The supervisor's payload (plt-protocol-supervisor.h). */
typedef struct _PltSupervisorMessage PltSupervisorMessage;

const char     *plt_message_type_to_string   (PltMessageType type);
PltMessageType  plt_message_type_from_string (const char    *str);
/* TRUE for the *.update and *.remove types, which advance the stream's seq. */
gboolean        plt_message_type_is_delta    (PltMessageType type);

/* Entities, as plain data. Strings are owned by the struct. */

typedef struct
{
  char   *id;
  gint64  ver;
  char   *name;
} PltTeamData;

/* An agent's level on one of their queues: 1 is the best. */
typedef struct
{
  char  *queue;
  guint  level;
} PltAgentSkill;

typedef struct
{
  char             *id;
  gint64            ver;
  char             *name;
  char             *team;        /* team id */
  PltAgentStatus    status;
  char             *reason;      /* nullable */
  PltAgentActivity  activity;
  gint64            since;       /* ms since the epoch, router clock */
  char             *queue;       /* nullable */
  char             *call;        /* nullable */
  GStrv             queues;      /* never NULL: empty vector when none */
  PltAgentSkill    *skills;      /* optional: NULL when absent; n_skills of them */
  guint             n_skills;
} PltAgentData;

typedef struct
{
  guint available;
  guint busy;
  guint wrap_up;
  guint paused;
  guint logged_out;
} PltQueueAgentCounts;

typedef struct
{
  guint  offered;
  guint  answered;
  guint  abandoned;
  guint  answered_in_sl;
  gint64 wait_total_s;
  guint  overflowed;    /* optional on the wire, 0 when absent */
  guint  callbacks;     /* optional: callers who left for a callback */
  guint  transferred;   /* optional: answered, then transferred */
} PltQueueToday;

typedef struct
{
  char                *id;
  gint64               ver;
  char                *name;
  PltQueueMedia        media;
  guint                priority;      /* optional: 0 when absent; higher is served first */
  guint                sl_threshold_s;
  double               sl_target;     /* 0..1 */
  guint                waiting;
  gint64               oldest_since;  /* ms; 0 when nobody waits (null on the wire) */
  PltQueueAgentCounts  agents;
  PltQueueToday        today;
} PltQueueData;

typedef struct
{
  char          *id;
  gint64         ver;
  char          *queue;
  PltCallState   state;
  char          *agent;     /* nullable */
  char          *number;    /* nullable, already masked */
  gint64         since;
  gint64         enqueued;
  PltQueueMedia  media;     /* optional: UNKNOWN when absent (the queue's media) */
  guint          priority;  /* optional: 0 when absent */
  PltContactOrigin origin;  /* optional: NEW when absent */
  char          *parent;    /* optional, nullable: the contact this one continues */
} PltCallData;

typedef struct
{
  char   *id;
  gint64  ver;
} PltRemoveData;

typedef struct
{
  gint64 max_message;
  gint64 max_client_message;
  gint64 max_depth;
  gint64 max_string;
} PltLimits;

typedef struct
{
  char      *session;
  char      *server;
  gint64     heartbeat_ms;
  gint64     clock_now;     /* ms since the epoch */
  double     clock_rate;
  PltLimits  limits;
  gboolean   replay;        /* optional, false when absent: the session was resumed */
  char      *role;          /* optional, nullable: the role the router granted */
} PltWelcomeData;

/* hello.resume: the session a client picks up again. */
typedef struct
{
  char   *session;
  char   *epoch;
  gint64  seq;              /* the last seq the client applied */
} PltResumeData;

typedef struct
{
  char     *reply_to;       /* the command's id */
  gboolean  ok;
} PltResultData;

/* cmd.agent.status */
typedef struct
{
  char           *id;       /* chosen by the client, repeated in reply_to */
  char           *agent;
  PltAgentStatus  status;   /* UNKNOWN for a value outside the protocol */
  char           *reason;   /* nullable */
} PltAgentStatusCommandData;

/* kpi.update (docs/protocol.md §4.4): the live figures of one entity.
 * @scope and @period are kept as sent ("queue", "team", "agent";
 * "today", "rolling"): a newer router may send others. */
typedef struct
{
  char          *scope;
  char          *id;
  char          *period;
  gint64         from;            /* the period's start, ms */
  gint64         to;              /* the router's clock when computed, ms */
  char          *sl_variant;      /* nullable: the queue's SL variant (queues only) */
  guint          sl_threshold_s;  /* 0 when absent (not a queue) */
  PltKpiValues   values;          /* NaN for null */
} PltKpiUpdateData;

/* kpi.query: figures for a period, whole or by intervals. */
typedef struct
{
  char   *id;               /* chosen by the client, repeated in reply_to */
  char   *scope;            /* as sent; the router accepts queue, team, agent */
  GStrv   ids;              /* never NULL; empty: every entity the client may see */
  char   *period;           /* nullable: "today" or "rolling" instead of from/to */
  gint64  from;             /* ms, 0 when absent */
  gint64  to;               /* ms, 0 when absent */
  gint64  interval_s;       /* 0: one row per entity */
} PltKpiQueryData;

/* kpi.subscribe: which live figures the session wants. */
typedef struct
{
  char   *id;               /* chosen by the client, repeated in reply_to */
  GStrv   scopes;           /* never NULL; kept as sent; empty: none */
} PltKpiSubscribeData;

/* kpi.result: the answer to a kpi.query. */
typedef struct
{
  char      *reply_to;
  char      *scope;
  GPtrArray *rows;          /* PltKpiRow*, owned, never NULL; counters are not sent */
} PltKpiResultData;

typedef struct
{
  char   *snapshot_id;
  gint64  as_of_seq;
  gint64  parts;
  char   *reason;           /* "initial" or "resync" */
  gint64  count_teams;
  gint64  count_agents;
  gint64  count_queues;
  gint64  count_calls;
} PltSnapshotBeginData;

typedef struct
{
  char      *snapshot_id;
  gint64     index;
  GPtrArray *teams;         /* PltTeamData*, owned, never NULL */
  GPtrArray *agents;        /* PltAgentData* */
  GPtrArray *queues;        /* PltQueueData* */
  GPtrArray *calls;         /* PltCallData* */
} PltSnapshotPartData;

typedef struct
{
  PltProtocolError  code;
  char             *message;
  gboolean          fatal;
  char             *reply_to;        /* nullable: the command this answers */
  gint64            retry_after_ms;  /* 0 when absent */
  PltPlanningMessage *current;       /* nullable, owned: CONFLICT on a planning, its current state */
} PltErrorData;

/**
 * PltMessage:
 *
 * One decoded (or to-be-encoded) message. Only the member matching @type is
 * meaningful; plt_message_free() frees whichever is set.
 */
typedef struct
{
  PltMessageType  type;
  char           *type_name;   /* as received; set for PLT_MESSAGE_UNKNOWN too */
  gboolean        has_seq;
  gint64          seq;
  char           *epoch;       /* nullable (client → server messages) */
  gint64          ts;          /* 0 when absent */

  union {
    char                 *hello_client;      /* HELLO */
    PltWelcomeData        welcome;           /* WELCOME */
    gint64                ack_seq;           /* ACK */
    gint64                resync_from_seq;   /* RESYNC */
    PltSnapshotBeginData  snapshot_begin;    /* SNAPSHOT_BEGIN */
    PltSnapshotPartData   snapshot_part;     /* SNAPSHOT_PART */
    char                 *snapshot_end_id;   /* SNAPSHOT_END */
    PltTeamData          *team;              /* TEAM_UPDATE */
    PltAgentData         *agent;             /* AGENT_UPDATE */
    PltQueueData         *queue;             /* QUEUE_UPDATE */
    PltCallData          *call;              /* CALL_UPDATE */
    PltRemoveData         remove;            /* *_REMOVE */
    PltErrorData          error;             /* ERROR */
    PltResultData         result;            /* RESULT */
    PltAgentStatusCommandData cmd_agent_status; /* CMD_AGENT_STATUS */
    PltKpiUpdateData      kpi_update;        /* KPI_UPDATE */
    PltKpiQueryData       kpi_query;         /* KPI_QUERY */
    PltKpiResultData      kpi_result;        /* KPI_RESULT */
    PltKpiSubscribeData   kpi_subscribe;     /* KPI_SUBSCRIBE */
    PltPlanningMessage   *planning;          /* PLANNING_*: owned, never NULL once decoded */
    PltSupervisorMessage *supervisor;        /* CMD_AGENT_SKILLS … HISTORY_RESULT: owned, never NULL once decoded */
  } u;

  PltResumeData  *resume;      /* HELLO: nullable, owned */
} PltMessage;

/* A new message of @type, with type_name set for known types. For
 * SNAPSHOT_PART the four entity arrays are created (empty, owning their
 * elements), for KPI_RESULT the rows, for KPI_QUERY the (empty) ids, for
 * KPI_SUBSCRIBE the (empty) scopes, and KPI_UPDATE's values start
 * undefined (NaN); the entity pointers of the *_UPDATE types start NULL and the
 * message owns what is stored there. */
PltMessage   *plt_message_new          (PltMessageType type);
void          plt_message_free         (PltMessage    *message);
/* Field-by-field comparison (type_name only matters for UNKNOWN). */
gboolean      plt_message_equal        (const PltMessage *a,
                                        const PltMessage *b);

PltTeamData  *plt_team_data_new        (void);
PltTeamData  *plt_team_data_copy       (const PltTeamData  *data);
void          plt_team_data_free       (PltTeamData        *data);
gboolean      plt_team_data_equal      (const PltTeamData  *a,
                                        const PltTeamData  *b);
PltAgentData *plt_agent_data_new       (void);
PltAgentData *plt_agent_data_copy      (const PltAgentData *data);
void          plt_agent_data_free      (PltAgentData       *data);
gboolean      plt_agent_data_equal     (const PltAgentData *a,
                                        const PltAgentData *b);
/* Replaces the skills with copies of @skills (NULL: absent). */
void          plt_agent_data_set_skills (PltAgentData        *data,
                                         const PltAgentSkill *skills,
                                         guint                n_skills);
PltQueueData *plt_queue_data_new       (void);
PltQueueData *plt_queue_data_copy      (const PltQueueData *data);
void          plt_queue_data_free      (PltQueueData       *data);
gboolean      plt_queue_data_equal     (const PltQueueData *a,
                                        const PltQueueData *b);
PltCallData  *plt_call_data_new        (void);
PltCallData  *plt_call_data_copy       (const PltCallData  *data);
void          plt_call_data_free       (PltCallData        *data);
gboolean      plt_call_data_equal      (const PltCallData  *a,
                                        const PltCallData  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltMessage, plt_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltTeamData, plt_team_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltAgentData, plt_agent_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltQueueData, plt_queue_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PltCallData, plt_call_data_free)

/**
 * PltDecoderDirection:
 * @PLT_DECODER_FROM_SERVER: decoding what a router sent (console side)
 * @PLT_DECODER_FROM_CLIENT: decoding what a console sent (router side)
 *
 * Picks the size limit and which envelope fields are required.
 */
typedef enum
{
  PLT_DECODER_FROM_SERVER,
  PLT_DECODER_FROM_CLIENT,
} PltDecoderDirection;

#define PLT_TYPE_DECODER (plt_decoder_get_type ())
G_DECLARE_FINAL_TYPE (PltDecoder, plt_decoder, PLT, DECODER, GObject)

PltDecoder  *plt_decoder_new                 (PltDecoderDirection  direction);
/* Returns: (transfer full) (nullable): the message, or NULL with @error set
 * in PLT_PROTOCOL_ERROR. @data need not be NUL-terminated. */
PltMessage  *plt_decoder_decode              (PltDecoder          *self,
                                              const char          *data,
                                              gsize                length,
                                              GError             **error);
guint64      plt_decoder_get_unknown_count   (PltDecoder          *self);
guint64      plt_decoder_get_rejected_count  (PltDecoder          *self);

/* Returns: (transfer full): the JSON text of @message, one line, UTF-8. */
char        *plt_message_encode              (const PltMessage    *message);

/* Convenience for the common small messages. (transfer full) */
char        *plt_protocol_encode_hello       (const char          *client);
char        *plt_protocol_encode_ack         (gint64               seq);
char        *plt_protocol_encode_resync      (gint64               from_seq);
char        *plt_protocol_encode_error       (gint64               seq,
                                              const char          *epoch,
                                              PltProtocolError     code,
                                              const char          *message,
                                              gboolean             fatal);
/* An error that answers the command @reply_to (nullable), with a retry hint
 * (@retry_after_ms 0 = none). */
char        *plt_protocol_encode_error_full  (gint64               seq,
                                              const char          *epoch,
                                              PltProtocolError     code,
                                              const char          *message,
                                              gboolean             fatal,
                                              const char          *reply_to,
                                              gint64               retry_after_ms);
/* A hello that asks to resume @session of @epoch after @seq. */
char        *plt_protocol_encode_hello_resume (const char         *client,
                                              const char          *session,
                                              const char          *epoch,
                                              gint64               seq);
char        *plt_protocol_encode_result      (gint64               seq,
                                              const char          *epoch,
                                              const char          *reply_to,
                                              gboolean             ok);
/* kpi.subscribe: @scopes (NULL-terminated; NULL or empty: stop). */
char        *plt_protocol_encode_kpi_subscribe (const char         *id,
                                              const char * const  *scopes);
char        *plt_protocol_encode_cmd_agent_status (const char     *id,
                                              const char          *agent,
                                              PltAgentStatus       status,
                                              const char          *reason);

G_END_DECLS
