import { timelineBody, type TimelineMessage } from '../../../../nodes/shared/sync/timeline-entry';
import { matchHistory, type LoggedEntry } from '../../../../nodes/shared/sync/timeline-match';

const T = Date.parse('2026-12-01T09:30:00Z');
const message = (id: string, text: string, at = T, direction: 'inbound' | 'outbound' = 'inbound'): TimelineMessage => ({
	messageId: id,
	direction,
	type: 'text',
	text,
	sentAtMs: at,
});
const entry = (id: string, messageId: string | null, m: TimelineMessage, at = m.sentAtMs): LoggedEntry => ({
	communicationId: id,
	messageId,
	channel: 'WHATS_APP',
	body: timelineBody(m),
	timestampMs: at,
});

describe('which of a conversation’s messages are on the timeline already', () => {
	it('by its own Kirim id first, else the live entry with its body nearest in time, each entry once', () => {
		const a = message('msg_a', 'ok', T);
		const b = message('msg_b', 'ok', T + 30_000);
		const c = message('msg_c', 'Halo', T + 60_000);
		const entries = [entry('1', 'wamid.B', b, T + 31_000), entry('2', 'msg_c', c), entry('3', 'wamid.A', a, T + 1000)];
		const matches = matchHistory([a, b, c], entries, 120_000);
		expect(matches.get('msg_c')).toEqual({ kind: 'same_id', entry: entries[1] });
		expect(matches.get('msg_a')).toEqual({ kind: 'same_message', entry: entries[2] });
		expect(matches.get('msg_b')).toEqual({ kind: 'same_message', entry: entries[0] });
	});

	it('never takes another message’s backfilled entry, another direction, another channel, or a time out of the window', () => {
		const a = message('msg_a', 'ok');
		const sent = message('msg_s', 'ok', T, 'outbound');
		const entries = [
			entry('1', 'msg_other', a),
			{ ...entry('2', 'wamid.X', a), channel: 'EMAIL' },
			entry('3', 'wamid.Y', a, T + 121_000),
			entry('4', 'wamid.Z', sent),
		];
		expect(matchHistory([a], entries, 120_000).get('msg_a')).toEqual({ kind: 'new' });
	});
});
