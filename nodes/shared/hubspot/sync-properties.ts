/**
 * The HubSpot properties this sync creates (Ensure Properties) and writes, by their default names; each node
 * that uses one lets the user name another.
 */

/** A contact's Kirim id: the unique-value property contacts are upserted and linked by. */
export const DEFAULT_ID_PROPERTY = 'kirim_contact_id';

/** The time of the sync's last write to a record: how the HubSpot Poll Trigger recognises the sync's own writes. */
export const DEFAULT_SYNC_STAMP_PROPERTY = 'kirim_last_synced_at';

/** A ticket's Kirim conversation id: what tickets are matched by. */
export const DEFAULT_CONVERSATION_PROPERTY = 'kirim_conversation_id';

/** A HubSpot communication's WhatsApp message id: what logged messages are upserted by, so none is logged twice. */
export const DEFAULT_MESSAGE_PROPERTY = 'kirim_message_id';
