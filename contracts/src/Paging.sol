// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// How many items a page holds: from offset, at most limit, within a list of length items (0 past the end).
function pageSize(uint256 offset, uint256 limit, uint256 length) pure returns (uint256) {
    uint256 end = offset + limit > length ? length : offset + limit;
    return offset >= end ? 0 : end - offset;
}
