// @ts-check
// One account's credits (docs/api.md#credits): work in progress holds its cost in `frozen`; success
// consumes it, failure gives it back. `total` is always available + frozen.

class Ledger {
	/** @param {number} starting */
	constructor(starting) {
		this.available = starting;
		this.frozen = 0;
	}

	/** @param {number} amount @returns {boolean} false when the balance cannot cover it */
	freeze(amount) {
		if (this.available < amount) return false;
		this.available -= amount;
		this.frozen += amount;
		return true;
	}

	/** @param {number} amount */
	consume(amount) {
		this.frozen -= amount;
	}

	/** @param {number} amount */
	release(amount) {
		this.frozen -= amount;
		this.available += amount;
	}

	balance() {
		return { available: this.available, frozen: this.frozen, total: this.available + this.frozen };
	}
}

module.exports = { Ledger };
