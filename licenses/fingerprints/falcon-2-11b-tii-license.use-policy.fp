canship-fingerprint 1
normalizer 1
hash fnv1a64-splitmix64
id falcon-2-11b-tii-license
kind use-policy
version -
source corpus licenses/falcon/Falcon-2-11B-TII-Acceptable-Use-Policy-1.0 sha256:2691a0b03a11e1535b9b9250beb80aef4c8d8d3fd0eb77882e183c085ad6bded; preface removed (2 lines)
tokens 104
shingle-size 5
window 5
anchor 4 1 number 2
anchor 9 1 number 1.0
anchor 10 2 date 2024-05
anchor 24 1 number 2
anchor 40 1 number 2
anchor 45 1 number 1.0
shingles 32
AL0ILDj69O2qAQV2BUdIpj+PBDQm+ix8VOh4BTdhp+YO6g/KATW1dLrtVS/1BRdfDLjUhwsEBSYx
GqQ6zHx+AiR0cm+K3rHWBCKhIlRQ76CsAiJtnm7l0m9fA6JOmtr/EI2oBZQkGiLJKZdTAVLllLRA
OqkJAzQm+ix8VOh4BQuw3CH2z+6PBROx/ZRfALHMBRzxrz974sCkAS6sE9EyDkzLBUbGHVLeSGsO
AkvoD0eBHAILBCexT+NkfUzfBBLDXHccYmA/BANzj2RqwR7iARHMoOddijF1BRPTFeuvAEb2ARWN
woJAdD1eBIxm9+rqBuPcA1N4sGkpdR+6AUgTh+inQrsWAgUIDYDVkRWWAxOhqaIUmyLAA37N5u70
Uxyh
end
