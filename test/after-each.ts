import { forgetSubscriptionMemory } from '../nodes/KirimTrigger/subscription-memory';

// The Kirim Trigger remembers subscriptions per process (subscription-memory.ts); each test starts from none.
afterEach(() => forgetSubscriptionMemory());
