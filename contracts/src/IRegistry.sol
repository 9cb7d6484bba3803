// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @title The part of the OpenSwarm Registry that the other contracts read
/// @notice Writers are the accounts of registered SNs. Many nodes (SL, SWOP, SWCI) share their SN's account, so the
/// contracts check the account here and take node identities as bytes32 uids in their arguments.
interface IRegistry {
    /// True when the account belongs to a registered SN (or the sentinel) and may write to the ledger.
    function writers(address account) external view returns (bool);
}
