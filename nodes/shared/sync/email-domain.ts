/**
 * Mailbox providers whose domain says nothing about the person's company: a contact with such an address is not
 * associated with a company by its domain. HubSpot documents no list of its own; this is ours, the large providers.
 */
const PERSONAL_DOMAINS = new Set([
	'gmail.com',
	'googlemail.com',
	'yahoo.com',
	'yahoo.co.id',
	'ymail.com',
	'outlook.com',
	'hotmail.com',
	'live.com',
	'msn.com',
	'icloud.com',
	'me.com',
	'aol.com',
	'proton.me',
	'protonmail.com',
	'gmx.com',
	'mail.com',
	'yandex.com',
	'zoho.com',
]);

/** The company domain of an email address (lower case), or undefined for a personal mailbox or no address. */
export function companyDomainOf(email: unknown): string | undefined {
	if (typeof email !== 'string') return undefined;
	const at = email.lastIndexOf('@');
	if (at < 1) return undefined;
	const domain = email
		.slice(at + 1)
		.trim()
		.toLowerCase();
	if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) || PERSONAL_DOMAINS.has(domain)) return undefined;
	return domain;
}
