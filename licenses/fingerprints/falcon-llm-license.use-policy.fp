canship-fingerprint 1
normalizer 1
hash fnv1a64-splitmix64
id falcon-llm-license
kind use-policy
version -
source corpus licenses/falcon/TII-Falcon-3-License-December-2024-ACCEPTABLE-USE-POLICY sha256:1da6ea4b101366749749bc0d3297fb07cb953879a98f4d92734ff089efe18361; preface removed (1 lines)
tokens 94
shingle-size 5
window 5
anchor 2 1 number 3
anchor 4 2 date 2024-12
clause 36 1
clause 52 2
clause 72 3
clause 87 4
shingles 29
AK5i/k/qyEvBA4qTFMlkgAvIAjW1dLrtVS/1BRdfDLjUhwsEBESy/K9a/XGTAxDmaiG6VmoHBCKh
IlRQ76CsAiJtnm7l0m9fA6JOmtr/EI2oBC93iVJD+5HTBR+BI0iQAeDIAQuw3CH2z+6PBROx/ZRf
ALHMBRzxrz974sCkAS6sE9EyDkzLBUbGHVLeSGsOAkvoD0eBHAILBCexT+NkfUzfBBLDXHccYmA/
BANzj2RqwR7iARHMoOddijF1BRPTFeuvAEb2ARWNwoJAdD1eBIxm9+rqBuPcA1N4sGkpdR+6AUgT
h+inQrsWAgUIDYDVkRWWAxOhqaIUmyLAA37N5u70Uxyh
end
