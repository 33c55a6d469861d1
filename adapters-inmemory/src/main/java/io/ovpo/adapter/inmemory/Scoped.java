package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.TenantId;

/** A key within one tenant: every store keys its data by tenant first. */
record Scoped<K>(TenantId tenant, K key) {}
