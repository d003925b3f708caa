import {
	ICredentialsHelper,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type Workflow,
} from 'n8n-workflow';

/**
 * The part of n8n's server credentials helper that nodes reach in-process: it hands out the credential data
 * a test gives, and applies a credential type's generic `authenticate` block by resolving its expressions
 * against `$credentials`, as n8n's server does — so a wrong `authenticate` fails these tests.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	/** As n8n's: the types a credential type extends, transitively (n8n-core signs an `oAuth2Api` child with its token). */
	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.types[typeName];
		if (!type) throw new Error(`credential type ${typeName} is not registered in the test`);
		const options = requestOptions as IHttpRequestOptions;
		const authenticate = type.authenticate;
		// As n8n's CredentialsHelper.authenticate (packages/cli/src/credentials-helper.ts): a function is called as is.
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (typeof authenticate !== 'object' || authenticate.type !== 'generic') {
			throw new Error(`credential type ${typeName} has no generic authenticate block`);
		}
		for (const [target, entries] of Object.entries(authenticate.properties)) {
			const bag = ((options as unknown as Record<string, Record<string, unknown>>)[target] ??= {});
			for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
				bag[this.resolve(key, credentials, workflow, node)] = this.resolve(value, credentials, workflow, node);
			}
		}
		return options;
	}

	private resolve(
		value: unknown,
		credentials: ICredentialDataDecryptedObject,
		workflow?: Workflow,
		node?: INode,
	): string {
		if (typeof value !== 'string' || !value.startsWith('=')) return String(value);
		if (!workflow || !node) throw new Error('an expression in authenticate needs the workflow and node');
		const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', {
			$credentials: credentials,
		});
		return String(resolved);
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`getCredentials(${type}) is not used in-process`);
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`the test gave no credentials of type ${type}`);
		const defaults = Object.fromEntries(
			(this.types[type]?.properties ?? []).map((p: INodeProperties) => [p.name, p.default]),
		);
		return { ...defaults, ...data } as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}
