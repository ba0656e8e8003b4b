/* plt-call.h — one contact: a call, a callback or an e-mail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "plt-protocol.h"
#include "plt-types.h"

G_BEGIN_DECLS

#define PLT_TYPE_CALL (plt_call_get_type ())
G_DECLARE_FINAL_TYPE (PltCall, plt_call, PLT, CALL, GObject)

/* Properties (read-only): "id", "version", "queue-id", "state" PltCallState,
 * "agent-id" (nullable), "number" (nullable, masked), "since", "enqueued" */

PltCall      *plt_call_new           (const char        *id);
const char   *plt_call_get_id        (PltCall           *self);
gint64        plt_call_get_version   (PltCall           *self);
const char   *plt_call_get_queue_id  (PltCall           *self);
PltCallState  plt_call_get_state     (PltCall           *self);
const char   *plt_call_get_agent_id  (PltCall           *self);
const char   *plt_call_get_number    (PltCall           *self);
gint64        plt_call_get_since     (PltCall           *self);
gint64        plt_call_get_enqueued  (PltCall           *self);
/* Not properties: a change of these shows as the store's items-changed. */
guint         plt_call_get_priority  (PltCall           *self);
PltContactOrigin plt_call_get_origin (PltCall           *self);
/* UNKNOWN when the call is of its queue's media */
PltQueueMedia plt_call_get_media     (PltCall           *self);
gboolean      plt_call_apply         (PltCall           *self,
                                      const PltCallData *data,
                                      gboolean           force);
PltCallData  *plt_call_to_data       (PltCall           *self);

G_END_DECLS
