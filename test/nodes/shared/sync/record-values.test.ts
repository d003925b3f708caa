import { parseMappingValue, valueFrom, type ValueSource } from '../../../../nodes/shared/sync/record-values';

const contact = { id: 'ctc_1', name: 'Ana Lim', email: null, metadata: { tier: 'gold', 'odd key': 'x' } };
const source = (raw: unknown) => {
	const parsed = parseMappingValue(raw);
	if ('error' in parsed) throw new Error(parsed.error);
	return parsed as ValueSource;
};

describe('mapping values read from a fetched record', () => {
	it('a plain value is a constant', () => {
		expect(valueFrom(contact, source('VIP'))).toEqual({ value: 'VIP' });
		expect(valueFrom(contact, source(5))).toEqual({ value: 5 });
	});

	it('{{ $json.path }} reads the record, with ?. and brackets, and names the path it read', () => {
		expect(valueFrom(contact, source('={{ $json.name }}'))).toEqual({ value: 'Ana Lim', path: 'name' });
		expect(valueFrom(contact, source('={{ $json.metadata?.tier }}'))).toEqual({ value: 'gold', path: 'metadata.tier' });
		expect(valueFrom(contact, source("={{ $json.metadata['odd key'] }}"))).toEqual({
			value: 'x',
			path: 'metadata.odd key',
		});
	});

	it('a Kirim Trigger event path (data.contact.…) reads the same contact', () => {
		expect(valueFrom(contact, source('={{ $json.data?.contact?.name ?? $json.name }}'))).toEqual({
			value: 'Ana Lim',
			path: 'name',
		});
		expect(valueFrom(contact, source('={{ $json.data.contact.metadata.tier }}'))).toEqual({
			value: 'gold',
			path: 'metadata.tier',
		});
	});

	it('?? falls back to the next path, then to a quoted text; with no value the first path is named', () => {
		expect(valueFrom(contact, source('={{ $json.email ?? $json.name }}'))).toEqual({ value: 'Ana Lim', path: 'name' });
		expect(valueFrom(contact, source("={{ $json.email ?? '' }}"))).toEqual({ value: '', path: 'email' });
		expect(valueFrom(contact, source('={{ $json.nothing }}'))).toEqual({ value: null, path: 'nothing' });
	});

	it('refuses what it cannot evaluate exactly (calls, operators, mixed text), never guessing', () => {
		for (const raw of [
			'={{ $json.name.toUpperCase() }}',
			'={{ $json.a + $json.b }}',
			'=Hi {{ $json.name }}',
			'={{ $json.a }} {{ $json.b }}',
			'={{ "x" }}',
			'={{ $node.X.json.a }}',
		]) {
			expect(parseMappingValue(raw)).toEqual({ error: expect.stringMatching(/a mapping value must be a constant/) });
		}
	});
});
