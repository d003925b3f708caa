import { parseDateMs } from '../../../../nodes/shared/sync/dates';

const AT = Date.UTC(2026, 10, 22, 10, 30, 15, 120);

describe('parseDateMs', () => {
	it.each([
		['2026-11-22T10:30:15.120Z', AT],
		['2026-11-22T10:30:15.120456Z', AT],
		['2026-11-22T17:30:15.120+07:00', AT],
		['2026-11-22T17:30:15.120+0700', AT],
		['2026-11-22T05:30:15.120-05', AT],
		['2026-11-22T10:30:15.120', AT], // no offset: UTC, whatever the server's zone
		['2026-11-22 10:30:15.120z', AT],
		['2026-11-22', Date.UTC(2026, 10, 22)],
		['2026-11-22T10:30', Date.UTC(2026, 10, 22, 10, 30)],
		['2024-02-29', Date.UTC(2024, 1, 29)],
		['0042-01-01', Date.parse('0042-01-01T00:00:00Z')], // years 0–99 stay as written
		[AT, AT],
		[AT / 1000, AT], // epoch seconds
		[String(AT), AT],
		[` ${AT / 1000} `, AT],
		[new Date(AT), AT],
		[{ toMillis: () => AT }, AT], // a Luxon DateTime from an n8n expression
	] as Array<[unknown, number]>)('%j → %d', (value, expected) => {
		expect(parseDateMs(value)).toBe(expected);
	});

	it.each([
		null,
		undefined,
		'',
		'soon',
		'foo 12',
		'-1x',
		'2026-02-29',
		'2026-13-01',
		'2026-11-31',
		'2026-11-22T24:00:00Z',
		'2026-11-22T10:60Z',
		'2026-11-22T10:00+25:00',
		1e20,
		NaN,
		Infinity,
		true,
		{},
		[],
		new Date('nope'),
	])('%j is not a date', (value) => {
		expect(parseDateMs(value)).toBeUndefined();
	});
});
