"""The technology-contract registry (技术合同登记)."""
