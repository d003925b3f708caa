/**
 * Kirim API shapes, as https://developers.kirim.chat/ and https://kirim-dev.pages.dev/ document them. Fields the docs
 * mark nullable are nullable here.
 */

export interface KirimErrorBody {
	error: {
		type: string;
		code: string;
		message: string;
		param?: string;
		request_id?: string;
	};
}

export interface KirimEnvelope<T> {
	data: T;
	request_id?: string;
}

export interface KirimList<T> {
	data: T[];
	has_more: boolean;
	next_cursor: string | null;
	request_id?: string;
}

export interface KirimContact {
	id: string;
	object: 'contact';
	phone_number: string | null;
	name: string | null;
	email: string | null;
	metadata: Record<string, unknown> | null;
	whatsapp_account: { phone_number: string | null };
	created_at: string;
	updated_at: string;
}

export interface KirimMe {
	organization: { id: string; object: 'organization'; name: string };
	api_key: { id: string; object: 'api_key'; label: string; last4: string };
	rate_limits: { tier: string; write_per_minute: number; read_per_minute: number };
}

export type KirimPathStyle = 'phoneScoped' | 'orgLevel';

export interface KirimCredentialSettings {
	baseUrl: string;
	pathStyle: KirimPathStyle;
	phoneNumberId: string;
}
